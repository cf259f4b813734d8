import {
  type AcceptOfferRequest,
  type Adapter,
  AdapterError,
  type ConfirmCancelRequest,
  type FlowEvent,
  type OfferResult,
  type Receipt,
  randomId,
  type SessionStart,
  type StartSessionRequest,
  type SubscriberClaims,
} from '@cancelflow/core';
import { startLocalSession } from './local-session.ts';

type MaybePromise<T> = T | Promise<T>;

/** What `onCancel` reports; the adapter adds the receipt's id, session and confirmation time. */
export interface CancelResult {
  /** When access ends, ISO date; leave it out when unknown (access lasts until the end of the current period). */
  readonly effectiveOn?: string;
  /** Human-readable refund or credit, in the subscriber's language. */
  readonly refund: string;
  readonly subscriptionId?: string;
  readonly plan?: string;
  /** Where the subscriber can see the receipt again, if you keep one. */
  readonly url?: string;
}

export interface CallbacksAdapterOptions {
  /** Starts a session your own way. Without it, the flow passed to `open` (static mode) is resolved in the browser. */
  readonly onStart?: (request: StartSessionRequest) => MaybePromise<SessionStart>;
  /** Static mode: who is cancelling (the browser cannot prove it, so keep offers harmless or re-check them). */
  readonly subscriber?: SubscriberClaims;
  /** Apply the offer (coupon, pause, plan change, …). Throw to refuse; the subscriber may retry. */
  /** May return what billing did (`{ message?, resumesOn?, planId?, trialEndsOn? }`): the done step shows it. */
  // biome-ignore lint/suspicious/noConfusingVoidType: an adapter that returns nothing (as before billing results existed) must still fit
  readonly onAcceptOffer: (request: AcceptOfferRequest) => MaybePromise<OfferResult | void>;
  /** Perform the cancellation. Throw if it failed: the site's own cancel action then proceeds. */
  readonly onCancel: (request: ConfirmCancelRequest) => MaybePromise<CancelResult>;
  /** Store the events; resolve once they are stored (they are re-sent until then, so de-duplicate by `id`). */
  readonly onEvents: (
    events: readonly FlowEvent[],
    sessionKeys: Readonly<Record<string, string>>,
  ) => MaybePromise<void>;
}

/** Any throw from a developer's callback becomes a typed error that names the callback. */
async function call<T>(name: string, run: () => MaybePromise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AdapterError) throw error;
    throw new AdapterError('unavailable', `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * For sites that run billing themselves. A write is done once per idempotency key: when the
 * subscriber retries after a lost answer, the earlier success is returned instead of calling again.
 */
export function callbacksAdapter(options: CallbacksAdapterOptions): Adapter {
  const done = new Map<string, Promise<unknown>>();
  function once<T>(key: string, run: () => Promise<T>): Promise<T> {
    let result = done.get(key) as Promise<T> | undefined;
    if (!result) {
      result = run();
      done.set(key, result);
      result.catch(() => done.delete(key));
    }
    return result;
  }

  return {
    startSession: (request) =>
      call('onStart', () =>
        options.onStart ? options.onStart(request) : startLocalSession(request, options.subscriber),
      ),
    sendEvents: (events, keys) => call('onEvents', () => options.onEvents(events, keys)),
    acceptOffer: (request) =>
      once(request.idempotencyKey, () => call('onAcceptOffer', () => options.onAcceptOffer(request))),
    confirmCancel: (request) =>
      once(request.idempotencyKey, async (): Promise<Receipt> => {
        const result = await call('onCancel', () => options.onCancel(request));
        return { ...result, id: randomId(), sessionId: request.sessionId, confirmedAt: new Date().toISOString() };
      }),
  };
}
