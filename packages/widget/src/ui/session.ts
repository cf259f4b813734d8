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

/** Starts a session. Throws with a developer-facing message when it cannot (the widget then fails open). */
export async function startSession(options: OpenOptions): Promise<Started> {
  const local: LocalTerms = {};
  // Fetching and resolving a flow in the browser is needed only without a server: its own chunk.
  const statics = options.flow && !options.endpoint ? await import('./static-flow.ts') : undefined;
  const adapter = pickAdapter(options, statics, local);
  const flow = statics && options.flow ? await statics.fetchFlow(options.flow) : undefined;
  const session = await adapter.startSession({
    ...(options.token && { token: options.token }),
    ...(flow && { flow }),
    locale: {
      explicit: options.locale,
      page: document.documentElement.lang || undefined,
      browser: navigator.languages,
    },
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
