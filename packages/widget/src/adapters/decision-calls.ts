import type { Adapter, AdapterError, EngineEffects, FlowEvent, OfferChoice } from '@cancelflow/core';
import { randomId } from '@cancelflow/core';
import { withDeadline } from '../deadline.ts';
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
 * each Retry-After between them), so it never cuts those short; a wait for a dropped connection
 * (OFFLINE_WAIT_MS in http-request.ts) comes on top, and this deadline bounds it too.
 */
export const DECISION_DEADLINE_MS = 60_000;

/**
 * The two decisions as the engine's effects make them (effects.ts): each goes to the adapter with the
 * session's key and an idempotency key; a failure, or no answer within DECISION_DEADLINE_MS, is
 * recorded as an `action_failed` event, then rethrown. Code of its own, fetched after the first screen.
 */
export function decisionCalls(
  adapter: Adapter,
  sessionId: string,
  sessionKey: () => Promise<string>,
  push: (event: FlowEvent) => void,
): Pick<EngineEffects, 'acceptOffer' | 'confirmCancel'> {
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
    acceptOffer: (request) =>
      call('accept_offer', async () =>
        adapter.acceptOffer({
          ...request,
          sessionKey: await sessionKey(),
          idempotencyKey: acceptKey(sessionId, request.offerId, request.choice),
        }),
      ),
    confirmCancel: (request) =>
      call('confirm_cancel', async () =>
        adapter.confirmCancel({ ...request, sessionKey: await sessionKey(), idempotencyKey: cancelKey(sessionId) }),
      ),
  };
}
