import {
  type Adapter,
  createFlowEngine,
  createTranslator,
  type FlowEngine,
  loadCatalog,
  type SessionStart,
  type Translator,
} from '@cancelflow/core';
import { deferredAdapter } from '../adapters/deferred.ts';
import { adapterEffects } from '../adapters/effects.ts';
import { startRemoteSession } from '../adapters/start-remote.ts';
import { deferredDelivery } from '../delivery/deferred.ts';
import type { OpenOptions } from '../shared/contract.ts';

export interface Started {
  readonly adapter: Adapter;
  readonly session: SessionStart;
  readonly local: LocalTerms;
}

/** Static flows have no server to write receipts: they follow the flow's policy, in the subscriber's words. */
export interface LocalTerms {
  session?: SessionStart;
  t?: Translator;
}

export const localePreferences = (options: OpenOptions) => ({
  explicit: options.locale,
  page: document.documentElement.lang || undefined,
  browser: navigator.languages,
});

/** A static flow (`data-flow`, no server) is fetched and resolved in the page, by code in a chunk of its own. */
const isStatic = (options: OpenOptions): options is OpenOptions & { flow: string } =>
  Boolean(options.flow && !options.endpoint);

/**
 * Called by the loader when the subscriber shows intent (hover, focus, touch): fetches and computes
 * what opening will need without starting anything the server would count — the strings of the
 * language the subscriber most likely reads, with that language's Intl data loaded, and for a static
 * flow its code, its JSON and the session itself — so the click has less to wait for.
 */
export function prepare(options: OpenOptions): void {
  const { explicit, page, browser } = localePreferences(options);
  const locale = explicit ?? page ?? browser[0] ?? 'en';
  loadCatalog(locale).then(
    (catalog) => warm(createTranslator({ locale, catalog })),
    () => {},
  );
  if (isStatic(options))
    import('./static-flow.ts').then(
      (m) => m.prepareStatic(options),
      () => {},
    );
}

/** Formatting once loads the language's Intl data, which otherwise costs the click milliseconds. */
function warm(t: Translator): void {
  t.t('dialog.step', { current: 1 });
  t.date(new Date(), 'long');
  t.money(1, 'USD');
}

/**
 * Starts a session. Throws with a developer-facing message when it cannot (the widget then fails
 * open); `signal` (the first screen's deadline) aborts a session request still waiting for its answer.
 */
export async function startSession(options: OpenOptions, signal?: AbortSignal): Promise<Started> {
  if (isStatic(options)) return (await import('./static-flow.ts')).startStatic(options);
  const { endpoint } = options;
  const adapter =
    options.adapter ??
    (endpoint &&
      deferredAdapter(
        (request) => startRemoteSession(endpoint, request, signal),
        () => import('../adapters/http.ts').then((m) => m.httpAdapter({ endpoint })),
      ));
  if (!adapter) {
    throw new Error('no `endpoint`, `flow` or `adapter` was given (data-endpoint or data-flow on the script tag)');
  }
  const session = await adapter.startSession({
    ...(options.token && { token: options.token }),
    locale: localePreferences(options),
  });
  return { adapter, session, local: { session } };
}

/** The session's built-in strings: each locale is a chunk of its own, English too, so a subscriber fetches only theirs. */
export async function translatorFor({ session, local }: Started): Promise<Translator> {
  const catalog = await loadCatalog(session.locale).catch(() => loadCatalog('en'));
  local.t = createTranslator({ locale: session.locale, catalog, defaultLocale: session.flow.config.defaultLocale });
  return local.t;
}

/** The engine, with decisions going to the adapter and events to an outbox that loads after the first screen. */
export function engineFor({ adapter, session }: Started): FlowEngine {
  return createFlowEngine({
    sessionId: session.sessionId,
    flow: session.flow,
    subscriber: session.subscriber,
    locale: session.locale,
    effects: adapterEffects(
      adapter,
      session,
      deferredDelivery(async () => {
        // The real adapter (beacons need its synchronous `beacon()` on pagehide), then the outbox.
        const real = 'loaded' in adapter ? await (adapter as ReturnType<typeof deferredAdapter>).loaded() : adapter;
        return (await import('../delivery/delivery.ts')).resumeDelivery(real);
      }),
    ),
  });
}

/** Re-sends a previous page's unacknowledged events to the reference server, then resolves. */
export async function resumeEvents(options: OpenOptions): Promise<void> {
  if (!options.endpoint) return;
  const [{ httpAdapter }, { resumeDelivery }] = await Promise.all([
    import('../adapters/http.ts'),
    import('../delivery/delivery.ts'),
  ]);
  await resumeDelivery(httpAdapter({ endpoint: options.endpoint })).flush();
}
