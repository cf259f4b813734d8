import { createFlowEngine, type FlowEngine } from '@cancelflow/core';
import type { deferredAdapter } from '../adapters/deferred.ts';
import { adapterEffects } from '../adapters/effects.ts';
import { CODE_DEADLINE_MS, withDeadline } from '../deadline.ts';
import { deferredDelivery } from '../delivery/deferred.ts';
import { loadOnce } from '../load-once.ts';
import type { OpenOptions } from '../runner/contract.ts';
import { preloadFirstStep } from './App.tsx';
import { likelyLocale, localePreferences, type Started, startedWith } from './started.ts';
import { translatorFor } from './translator.ts';

/** A static flow (`data-flow`, no server) is fetched and resolved in the page, by code in a chunk of its own. */
const isStatic = (options: OpenOptions): options is OpenOptions & { flow: string } =>
  Boolean(options.flow && !options.endpoint);
// Kept once loaded: a second `import()` of a loaded chunk still waits for a task of its own, which can
// push the first screen past the next frame.
const staticFlow = loadOnce(() => import('./static-flow.ts'));
/** Likewise the reference server's side (`data-endpoint`): the session, its preview, the HTTP adapter. */
const serverMode = loadOnce(() => import('./server-mode.ts'));

/**
 * Called by the loader once the page is idle, and on the subscriber's intent (hover, touch, focus):
 * computes what opening will need without starting anything the server would count — the strings of
 * the language the subscriber most likely reads, with that language's Intl data loaded; for a static
 * flow its code, its JSON and the session itself; with a server, the session's preview — so the click
 * has less to wait for.
 */
export function prepare(options: OpenOptions): void {
  translatorFor(likelyLocale(options)).catch(() => {});
  const { endpoint, token } = options;
  if (isStatic(options))
    staticFlow()
      .then((m) => m.prepareStatic(options))
      .then(({ session, t }) => preloadFirstStep(session.flow, t))
      .catch(() => {});
  else if (endpoint && !options.adapter)
    serverMode()
      .then((m) => token && m.prepareServer({ ...options, endpoint, token }))
      .catch(() => {});
}

/**
 * Starts a session. Throws with a developer-facing message when it cannot (the widget then fails
 * open); `signal` (the first screen's deadline) aborts a session request still waiting for its answer.
 */
export async function startSession(options: OpenOptions, signal: AbortSignal): Promise<Started> {
  if (isStatic(options)) return (await staticFlow()).startStatic(options);
  const { endpoint, adapter } = options;
  // The likely language's strings load while the server or adapter answers, not after.
  translatorFor(likelyLocale(options)).catch(() => {});
  if (endpoint && !adapter) return (await serverMode()).startServerSession({ ...options, endpoint }, signal);
  if (!adapter) {
    throw new Error('no data-endpoint or data-flow (endpoint, flow or adapter) was given');
  }
  return startedWith(
    adapter,
    await adapter.startSession({ ...(options.token && { token: options.token }), locale: localePreferences(options) }),
  );
}

/** The engine, with decisions going to the adapter and events to an outbox that loads after the first screen. */
export function engineFor({ adapter, session, key, endAtDecision }: Started): FlowEngine {
  const engine = createFlowEngine({
    endAtDecision,
    sessionId: session.sessionId,
    flow: session.flow,
    subscriber: session.subscriber,
    locale: session.locale,
    within: (loading, what) => withDeadline(loading, CODE_DEADLINE_MS, what),
    effects: adapterEffects(
      adapter,
      { sessionId: session.sessionId, sessionKey: key ?? session.sessionKey },
      deferredDelivery(async () => {
        // The real adapter (beacons need its synchronous `beacon()` on pagehide), then the outbox.
        const real = 'loaded' in adapter ? await (adapter as ReturnType<typeof deferredAdapter>).loaded() : adapter;
        const delivery = await import('../delivery/delivery.ts');
        // Leaving the page with the flow open ends it as abandoned (leave.ts): code after the first screen.
        delivery.closeOnLeave(engine);
        return delivery.resumeDelivery(real);
      }),
    ),
  });
  return engine;
}
