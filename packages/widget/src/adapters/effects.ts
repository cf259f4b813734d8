import {
  type Adapter,
  type AdapterError,
  type EngineEffects,
  type FlowEvent,
  type OfferChoice,
  randomId,
} from '@cancelflow/core';
import { withDeadline } from '../deadline.ts';
import type { Delivery } from '../delivery/delivery.ts';

/**
 * The same offer with the same choice in the same session gets the same key, so a subscriber's retry
 * after a lost answer is applied once. A different choice is a different request (the backend may
 * answer 409 if the first one did go through).
 */
export function acceptKey(sessionId: string, offerId: string, choice?: OfferChoice): string {
  return [sessionId, 'accept', offerId, choice?.months, choice?.weeks, choice?.planId].join(':');
}

/** One cancel per session: every retry carries the same key. */
export const cancelKey = (sessionId: string): string => `${sessionId}:cancel`;

/**
 * The longest a subscriber waits for an adapter's answer to a decision. A custom adapter whose
 * request never settles (a `fetch` to a backend that hangs has no timeout of its own) would
 * otherwise keep the modal open, unclosable, for as long as the browser keeps the connection. Above
 * the http adapter's own worst case with its defaults (three attempts of 8 s, and up to 10 s for
 * each Retry-After between them), so it never cuts those short.
 */
export const DECISION_DEADLINE_MS = 60_000;

/**
 * Glues an adapter to the engine. Events go to the outbox (sent until acknowledged). A failed accept
 * rejects, so the engine shows the error with "try again" and "continue to cancel"; a failed cancel
 * rejects, so the engine settles `error` and the site's own cancel action proceeds. Both failures
 * are recorded as `action_failed` events, and so is an answer that has not come within
 * DECISION_DEADLINE_MS (a retried accept carries the same idempotency key, so it is applied once).
 */
export function adapterEffects(
  adapter: Adapter,
  session: { readonly sessionId: string; readonly sessionKey: string | Promise<string> },
  delivery: Delivery,
): EngineEffects {
  const { sessionId } = session;
  // A session drawn before the server answered has its key later: its events and decisions wait for
  // it, in order; if it never comes (the session started over), they are dropped.
  const sessionKey = Promise.resolve(session.sessionKey);
  const push = (event: FlowEvent) => {
    sessionKey.then(
      (key) => delivery.push(event, key),
      () => {},
    );
  };
  const record = (action: 'accept_offer' | 'confirm_cancel', error: unknown) => {
    const { code = 'unavailable', status } = error as Partial<AdapterError>;
    push({
      id: randomId(),
      sessionId,
      at: new Date().toISOString(),
      type: 'action_failed',
      payload: { action, code, status },
    });
  };
  // Both decisions go to the adapter with the session's key and an idempotency key; a failure is recorded, then rethrown.
  const call = async <T>(action: 'accept_offer' | 'confirm_cancel', run: () => Promise<T>): Promise<T> => {
    try {
      return await withDeadline(
        run(),
        DECISION_DEADLINE_MS,
        `the adapter's answer to the ${action === 'accept_offer' ? 'offer' : 'cancel'}`,
      );
    } catch (error) {
      record(action, error);
      throw error;
    }
  };
  return {
    emit: push,
    acceptOffer: (request) =>
      call('accept_offer', async () =>
        adapter.acceptOffer({
          ...request,
          sessionKey: await sessionKey,
          idempotencyKey: acceptKey(sessionId, request.offerId, request.choice),
        }),
      ),
    confirmCancel: (request) =>
      call('confirm_cancel', async () =>
        adapter.confirmCancel({ ...request, sessionKey: await sessionKey, idempotencyKey: cancelKey(sessionId) }),
      ),
  };
}
