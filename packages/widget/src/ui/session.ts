import {
  type Adapter,
  createFlowEngine,
  createTranslator,
  type FlowConfig,
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

type StaticFlow = typeof import('./static-flow.ts');

/** Static flows have no server to write receipts: they follow the flow's policy, in the subscriber's words. */
export interface LocalTerms {
  session?: SessionStart;
  t?: Translator;
}

/**
 * The adapter for these options: the developer's own, the reference server's (`endpoint`), or — for a
 * static flow with no server — one that keeps everything in this page (see static-flow.ts).
 */
function pickAdapter(options: OpenOptions, statics: StaticFlow | undefined, local: LocalTerms): Adapter {
  if (options.adapter) return options.adapter;
  const { endpoint } = options;
  if (endpoint) {
    return deferredAdapter(
      (request) => startRemoteSession(endpoint, request),
      () => import('../adapters/http.ts').then((m) => m.httpAdapter({ endpoint })),
    );
  }
  if (statics) return statics.staticAdapter(options, local);
  throw new Error('no `endpoint`, `flow` or `adapter` was given (data-endpoint or data-flow on the script tag)');
}

const staticFlows = new Map<string, Promise<FlowConfig>>();

/** A static flow (`data-flow`): its code chunk and its JSON, fetched once per page. */
function staticFlow(url: string): Promise<[StaticFlow, FlowConfig]> {
  const code = import('./static-flow.ts');
  let flow = staticFlows.get(url);
  if (!flow) {
    flow = code.then((m) => m.fetchFlow(url));
    flow.catch(() => staticFlows.delete(url)); // the next activation tries again
    staticFlows.set(url, flow);
  }
  return Promise.all([code, flow]);
}

const localePreferences = (options: OpenOptions) => ({
  explicit: options.locale,
  page: document.documentElement.lang || undefined,
  browser: navigator.languages,
});

/**
 * Called by the loader when the subscriber shows intent (hover, focus, touch): fetches and computes
 * what opening will need without starting anything the server would count — the strings of the
 * language the subscriber most likely reads, with that language's Intl data loaded, and for a static
 * flow its code, its JSON and the session itself (computed in this page, it reports nothing until
 * it is opened) — so the click has less to wait for.
 */
export function prepare(options: OpenOptions): void {
  const { explicit, page, browser } = localePreferences(options);
  const locale = explicit ?? page ?? browser[0] ?? 'en';
  loadCatalog(locale).then(
    (catalog) => warm(createTranslator({ locale, catalog })),
    () => {},
  );
  if (!options.flow || options.endpoint) return;
  const key = staticKey(options);
  if (prepared?.key === key) return;
  const started = startNow(options);
  started.catch(() => {});
  prepared = { key, started };
}

/** Formatting once loads the language's Intl data, which otherwise costs the click milliseconds. */
function warm(t: Translator): void {
  t.t('dialog.step', { current: 1, total: 2 });
  t.date(new Date(), 'long');
  t.money(1, 'USD');
}

let prepared: { readonly key: string; readonly started: Promise<Started> } | undefined;
const staticKey = (options: OpenOptions) => JSON.stringify([options.flow, options.locale, options.subscriber]);

/** Starts a session (a prepared static one if it matches). Throws with a developer-facing message when it cannot. */
export function startSession(options: OpenOptions): Promise<Started> {
  const ready = prepared;
  prepared = undefined; // each open gets a session of its own
  // A preparation that failed (say, offline at hover time) gets one more try now.
  return ready && !options.endpoint && ready.key === staticKey(options)
    ? ready.started.catch(() => startNow(options))
    : startNow(options);
}

async function startNow(options: OpenOptions): Promise<Started> {
  const local: LocalTerms = {};
  // Fetching and resolving a flow in the browser is needed only without a server: its own chunk.
  const [statics, flow] = options.flow && !options.endpoint ? await staticFlow(options.flow) : [];
  const adapter = pickAdapter(options, statics, local);
  const session = await adapter.startSession({
    ...(options.token && { token: options.token }),
    ...(flow && { flow }),
    locale: localePreferences(options),
  });
  local.session = session;
  return { adapter, session, local };
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
