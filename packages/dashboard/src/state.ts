import { computed, signal } from '@preact/signals';
import type { Filters, Period } from './types.ts';

/** The insights filters, shared by every view; kept in the URL's hash so a view can be linked. */
export const filters = signal<Filters>({ from: '', to: '', siteId: '', flowId: '' });

/**
 * Whether any filter is set. An empty report says "for these filters" only then; with none set,
 * nothing is recorded yet, and "for these filters" sent people looking for a filter to clear.
 */
export const filtered = computed(() => Object.values(filters.value).some(Boolean));

export const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'reasons', label: 'Reasons' },
  { id: 'offers', label: 'Offers' },
  { id: 'experiments', label: 'Experiments' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'flow', label: 'Flow editor' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export const view = signal<ViewId>('overview');

/**
 * The overview's grouping, kept in the hash with the filters (`by=month`; the default, week, is left
 * out) so a reload or a shared link shows the same grouping, and going to another view and back keeps it.
 */
export const grouping = signal<Period>('week');
const PERIODS: readonly string[] = ['day', 'week', 'month'] satisfies Period[];

/**
 * The open view's own filters — the feedback's search, reason, plan and locale, the sessions' outcome —
 * kept in the hash as well (`#/feedback?q=slack`), so a reload or a shared link keeps them. They belong
 * to their view: a link to another view leaves them out; the filter bar's changes keep them.
 */
export const viewParams = signal<Readonly<Record<string, string>>>({});
const VIEW_PARAMS = ['q', 'reasonId', 'plan', 'locale', 'status'];
/** A view the URL named that does not exist (a mistyped or old link): the overview shows, and says so. */
export const unknownView = signal('');

/** `#/offers?from=2026-01-01&siteId=acme` → the view and the filters. */
export function readHash(hash: string): void {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const known = VIEWS.some((v) => v.id === path);
  view.value = known ? (path as ViewId) : 'overview';
  unknownView.value = known || path === '' ? '' : path;
  const params = new URLSearchParams(search);
  filters.value = {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    siteId: params.get('siteId') ?? '',
    flowId: params.get('flowId') ?? '',
  };
  const by = params.get('by') ?? '';
  grouping.value = PERIODS.includes(by) ? (by as Period) : 'week';
  viewParams.value = Object.fromEntries(
    VIEW_PARAMS.flatMap((name) => {
      const value = params.get(name);
      return value ? [[name, value] as const] : [];
    }),
  );
}

export function hashFor(
  next: ViewId,
  f: Filters = filters.value,
  by: Period = grouping.value,
  own: Readonly<Record<string, string>> = next === view.value ? viewParams.value : {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(f)) if (value) params.set(name, value);
  if (by !== 'week') params.set('by', by);
  for (const [name, value] of Object.entries(own)) if (value) params.set(name, value);
  const search = params.toString();
  return `#/${next}${search ? `?${search}` : ''}`;
}
