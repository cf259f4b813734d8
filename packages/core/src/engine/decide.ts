import type { OfferChoice, OfferResult, Receipt } from '../events.ts';
import type { Outcome } from '../outcome.ts';
import { checkOfferChoice } from './choice.ts';
import type { Navigator } from './navigation.ts';
import type { Store } from './store.ts';
import { type Draft, draft, type Failure, messageOf, raise, writtenText } from './transition.ts';
import type { EngineEffects, EngineOptions, EngineState, ResolvedFlow, ResolvedOffer } from './types.ts';

/** What the decisions need of their engine (engine.ts builds it once per session). */
export interface Deciding {
  readonly sessionId: string;
  readonly flow: ResolvedFlow;
  readonly effects: EngineEffects;
  readonly nav: Navigator;
  readonly state: Store<EngineState>;
  commit(next: EngineState, drafts: readonly Draft[], final?: Outcome): Failure;
  /** Moves to `stepId`, reporting `before` first. */
  go(s: EngineState, stepId: string, before?: readonly Draft[]): Failure;
  /** The timer that marks a decision slow (`EngineOptions.after`). */
  readonly after: EngineOptions['after'];
  /** Whether a decision ends the session at once (`EngineOptions.endAtDecision`). */
  readonly endAtDecision: boolean;
  /** Ends the session with its status (`saved` or `cancelled` after a decision). */
  end(): Failure;
  /** The accept failed: the offer stays, with the error. */
  acceptFailed(message: string): Failure;
  /** The cancel failed: the session ends as `error` (fail open). */
  cancelFailed(error: unknown): Failure;
}

/** How long a decision waits for the backend before the state says it is `slow`. */
export const SLOW_MS = 3000;

// Every runtime core runs in (browsers, Node) has them; core's library types (no DOM, no Node) do not.
declare function setTimeout(run: () => void, ms: number): unknown;
declare function clearTimeout(id: unknown): void;
const timeout = (ms: number, run: () => void) => {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
};

/**
 * Runs a decision, marking the state `slow` if it is still pending after SLOW_MS, and unmarking it once
 * the decision has settled (after its own transition, so that no state is `slow` without `pending`
 * for longer than that one synchronous step, which no view shows: views read `slow` with `pending`).
 */
async function slowly(e: Deciding, decision: () => Promise<void>): Promise<void> {
  // A page script may have replaced setTimeout (or clearTimeout) with a wrapper that throws: the
  // decision goes on without its `slow` mark. Thrown from here, it left the state pending for good —
  // the buttons disabled, the modal unclosable, the outcome never settled, the cancel lost.
  let stop = () => {};
  try {
    stop = (e.after ?? timeout)(SLOW_MS, () => {
      const s = e.state.peek();
      if (s.pending && !s.ended) raise(e.commit({ ...s, slow: true }, []));
    });
  } catch {}
  try {
    await decision();
  } finally {
    try {
      stop();
    } catch {}
    const { slow, ...settled } = e.state.peek();
    if (slow) e.commit(settled, []);
  }
}

/**
 * The two decisions that ask the backend: taking an offer and confirming the cancel. The engine
 * checks that the subscriber may act and marks the decision pending at once, so a second click does
 * nothing, then loads this module: no first screen needs it, so it stays off the widget's click path.
 * `pending` is that first transition's listener error, raised once the decision has settled.
 */
export const acceptOffer = (
  e: Deciding,
  s: EngineState,
  offerId: string,
  offer: ResolvedOffer,
  choice: OfferChoice | undefined,
  pending: Failure,
): Promise<void> => slowly(e, () => accept(e, s, offerId, offer, choice, pending));

export const confirmCancel = (e: Deciding, s: EngineState, withdraw: boolean, pending: Failure): Promise<void> =>
  slowly(e, () => cancel(e, s, withdraw, pending));

async function accept(
  e: Deciding,
  s: EngineState,
  offerId: string,
  offer: ResolvedOffer,
  choice: OfferChoice | undefined,
  pending: Failure,
): Promise<void> {
  const check = checkOfferChoice(offer, choice);
  if (!check.ok) {
    raise(pending, e.acceptFailed(check.problem));
    return;
  }
  let result: OfferResult | undefined;
  try {
    result =
      (await e.effects.acceptOffer({
        sessionId: e.sessionId,
        offerId,
        ...(check.choice && { choice: check.choice }),
        ...(s.reasonId !== undefined && { reasonId: s.reasonId }),
      })) ?? undefined;
  } catch (error) {
    raise(pending, e.acceptFailed(messageOf(error)));
    return;
  }
  const current = e.state.peek();
  const acceptedOffer = { offerId, ...(check.choice && { choice: check.choice }), ...(result ? { result } : {}) };
  const accepted = draft('offer_accepted', {
    offerId,
    offerType: offer.type,
    ...(check.choice && { choice: check.choice }),
  });
  let done: Failure;
  if (current.status === 'cancelled') {
    // A win-back offer after the cancel: the cancellation stands, the offer is recorded.
    done = e.commit({ ...current, pending: undefined, acceptedOffer }, [accepted]);
  } else {
    const saved: EngineState = { ...current, status: 'saved', pending: undefined, acceptedOffer };
    if (e.endAtDecision) {
      // The host applies the offer once the flow ends: it ends now, on the offer's step.
      raise(pending, e.commit(saved, [accepted]), e.end());
      return;
    }
    done = e.go(saved, e.nav.doneId, [accepted]);
  }
  raise(pending, done);
}

async function cancel(e: Deciding, s: EngineState, withdraw: boolean, pending: Failure): Promise<void> {
  const feedback = writtenText(s);
  let receipt: Receipt;
  try {
    receipt = await e.effects.confirmCancel({
      sessionId: e.sessionId,
      ...(s.reasonId !== undefined && { reasonId: s.reasonId }),
      ...(feedback !== undefined && { feedback }),
      ...(withdraw && e.flow.withdrawal !== undefined && { withdraw: true }),
    });
    // Read below, after the try: an answer without one would throw there and leave the session
    // pending for good — the modal unclosable, the outcome never settled. It fails open instead.
    if (typeof receipt?.id !== 'string') throw new Error(`confirmCancel resolved ${String(receipt)}, not a receipt`);
  } catch (error) {
    // The server's decision, not a failure: the period ended while the dialog was open, and nothing was
    // cancelled. Failing open would run the site's own cancel as if the withdrawal had been taken; the
    // confirm step says why instead, and the cancel stays the subscriber's choice.
    const ended = (error as { body?: { error?: { withdrawalEnded?: unknown } } })?.body?.error?.withdrawalEnded;
    if (withdraw && typeof ended === 'string') {
      const current = e.state.peek();
      raise(
        pending,
        e.commit({ ...current, pending: undefined, error: { code: 'withdrawal_ended', message: ended } }, []),
      );
      return;
    }
    raise(pending, e.cancelFailed(error));
    return;
  }
  const current = e.state.peek();
  const cancelled: EngineState = { ...current, status: 'cancelled', pending: undefined, receipt };
  const confirmed = draft('cancel_confirmed', {
    ...(current.reasonId !== undefined && { reasonId: current.reasonId }),
    receiptId: receipt.id,
  });
  if (e.endAtDecision) {
    // The host's own action cancels once the flow ends: it ends now, on the confirm step.
    raise(pending, e.commit(cancelled, [confirmed]), e.end());
    return;
  }
  const done = e.go(cancelled, e.nav.afterCancel(e.nav.confirmId), [confirmed]);
  raise(pending, done);
}
