import { signal } from '@preact/signals';
import type { Filters } from './types.ts';

/** The insights filters, shared by every view; kept in the URL's hash so a view can be linked. */
export const filters = signal<Filters>({ from: '', to: '', siteId: '', flowId: '' });

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
}

export function hashFor(next: ViewId, f: Filters = filters.value): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(f)) if (value) params.set(name, value);
  const search = params.toString();
  return `#/${next}${search ? `?${search}` : ''}`;
}
