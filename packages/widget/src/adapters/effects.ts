import type { Adapter, EngineEffects, FlowEvent } from '@cancelflow/core';
import { CODE_DEADLINE_MS, withDeadline } from '../deadline.ts';
import type { Delivery } from '../delivery/delivery.ts';
import { loadOnce } from '../load-once.ts';

/** The decisions' code, fetched once (again after a failure); the UI asks for it once its first screen is up. */
export const preloadDecisionCalls = loadOnce(() => import('./decision-calls.ts'));

/**
 * Glues an adapter to the engine. Events go to the outbox (sent until acknowledged). A failed accept
 * rejects, so the engine shows the error with "try again" and "continue to cancel"; a failed cancel
 * rejects, so the engine settles `error` and the site's own cancel action proceeds. Both failures
 * are recorded as `action_failed` events, and so is an answer that has not come within
 * DECISION_DEADLINE_MS (a retried accept carries the same idempotency key, so it is applied once).
 * The decisions' code (decision-calls.ts) is fetched once the first screen is up (preloadDecisionCalls);
 * a decision that has waited CODE_DEADLINE_MS for it fails as above.
 */
export function adapterEffects(
  adapter: Adapter,
  session: { readonly sessionId: string; readonly sessionKey: string | (() => Promise<string>) },
  delivery: Delivery,
): EngineEffects {
  const { sessionId } = session;
  // A session drawn before the server answered has its key later: its events and decisions wait for
  // it, in order; if it never comes (the session started over), they are dropped.
  const { sessionKey: known } = session;
  const sessionKey = typeof known === 'string' ? () => Promise.resolve(known) : known;
  const push = (event: FlowEvent) => {
    sessionKey().then(
      (key) => delivery.push(event, key),
      () => {},
    );
  };
  const decisions = () =>
    withDeadline(preloadDecisionCalls(), CODE_DEADLINE_MS, 'the decision code').then((m) =>
      m.decisionCalls(adapter, sessionId, sessionKey, push),
    );
  return {
    emit: push,
    acceptOffer: async (request) => (await decisions()).acceptOffer(request),
    confirmCancel: async (request) => (await decisions()).confirmCancel(request),
  };
}
