import type { ProfileId } from '../compliance/ids.ts';
import type { FlowConfig, Offer, Step } from '../config/index.ts';
import type { FlowEvent, OfferChoice, OfferResult, Receipt } from '../events.ts';
import type { Outcome } from '../outcome.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import type { ReadonlySignal } from './store.ts';

/** An offer the subscriber may be shown in this session, with its id. */
export type ResolvedOffer = Offer & { readonly id: string };

/**
 * A flow resolved for one subscriber: targeting, experiment variant, limits and cooldowns, and the
 * compliance profiles applied. The server computes it when a session starts (and re-checks offers
 * against it); the browser runs the engine on it. Texts are still per-locale: the UI picks.
 */
export interface ResolvedFlow {
  readonly config: FlowConfig;
  /** Steps in the order they run, after compliance reordering (e.g. `de`: confirm first). */
  readonly steps: readonly Step[];
  /** For each reason id, the offer shown when it is picked (absent: none). */
  readonly reasonOffers: Readonly<Record<string, ResolvedOffer>>;
  /** Offers allowed in this session by id: those reachable from reasons, offer steps and the done step. */
  readonly offers: Readonly<Record<string, ResolvedOffer>>;
  /** The profiles in force for this subscriber (declared by the flow ∪ those of their country/region). */
  readonly profiles: readonly ProfileId[];
  readonly targetingRule?: string;
  readonly experiment?: { readonly id: string; readonly variant: string; readonly holdout: boolean };
  /** Whether offers may appear before the cancel is confirmed (false under `us-mn` and `de`). */
  readonly offersBeforeCancel: boolean;
  /** The done step's offer, allowed only after the cancel is confirmed (also under `us-mn`). */
  readonly afterCancelOffer?: string;
  /**
   * Set when the `eu` withdrawal function applies (from 2026-06-19, within the withdrawal period
   * after `since`): the confirm step offers "withdraw from contract" until this ISO date, inclusive.
   */
  readonly withdrawal?: { readonly until: string; readonly days: number };
}

/** Offers shown to this subscriber before, for cooldowns. */
export interface PriorOffer {
  readonly offerType: Offer['type'];
  readonly offerId: string;
  /** ISO 8601. */
  readonly shownAt: string;
}

export interface ResolveInput {
  readonly config: FlowConfig;
  readonly subscriber: SubscriberClaims;
  readonly history?: readonly PriorOffer[];
  readonly now: Date;
}

/** A recoverable problem shown to the subscriber (e.g. an offer could not be applied); cleared on the next move. */
export interface FlowError {
  /** `withdrawal_ended`: the server refused a withdrawal after the period ended; `message` is its last day. */
  readonly code: 'offer_failed' | 'cancel_failed' | 'withdrawal_ended';
  readonly message: string;
}

export interface EngineState {
  readonly status: 'running' | Outcome['status'];
  readonly stepId: string | undefined;
  /** Step ids actually visited, oldest first; `back()` walks it. */
  readonly visited: readonly string[];
  readonly reasonId?: string;
  readonly followUp: string;
  readonly feedback: string;
  /** Offers shown so far in this session. */
  readonly offersShown: readonly string[];
  /** Offers the subscriber declined; moving forward never shows them again (no loops). */
  readonly offersDeclined: readonly string[];
  /** The offer on screen, if any (see `FlowEngine.offer`). */
  readonly offerId?: string;
  /** The offer accepted, the choice made in it, and what billing reported applying it (`OfferResult`). */
  readonly acceptedOffer?: { readonly offerId: string; readonly choice?: OfferChoice; readonly result?: OfferResult };
  /** An async action in flight; UI disables the buttons it would repeat. */
  readonly pending?: 'accept' | 'cancel';
  /**
   * Set once the decision in flight has waited `SLOW_MS` (3 s) for the backend, until it settles: the
   * UI then says that it is still being made (an answer may take up to three tries of 8 s, plus the
   * wait for a dropped connection). Never set without `pending`.
   */
  readonly slow?: true;
  readonly error?: FlowError;
  readonly receipt?: Receipt;
  /** True once the session is over and `outcome` has settled; every action is then a no-op. */
  readonly ended: boolean;
}

/**
 * What the engine asks of the outside world. An adapter (packages/widget) implements it over HTTP or
 * callbacks; tests pass fakes. The engine never does I/O itself.
 */
export interface EngineEffects {
  /** Resolves with what billing reported, if anything (shown on the done step). */
  acceptOffer(request: {
    sessionId: string;
    offerId: string;
    choice?: OfferChoice;
    reasonId?: string;
    // biome-ignore lint/suspicious/noConfusingVoidType: an adapter that returns nothing (as before billing results existed) must still fit
  }): Promise<OfferResult | void>;
  /** `withdraw`: the subscriber used the `eu` "withdraw from contract" function (only sent while `flow.withdrawal` is set). */
  confirmCancel(request: {
    sessionId: string;
    reasonId?: string;
    feedback?: string;
    withdraw?: boolean;
  }): Promise<Receipt>;
  emit(event: FlowEvent): void;
}

export interface EngineOptions {
  readonly sessionId: string;
  readonly flow: ResolvedFlow;
  readonly subscriber: SubscriberClaims;
  readonly effects: EngineEffects;
  /** Injected for deterministic tests. */
  readonly now?: () => Date;
  /**
   * Runs `run` after `ms` unless the returned function is called first: the engine's one timer, which
   * marks a decision `slow` (default: the runtime's `setTimeout`). Injected for deterministic tests.
   */
  readonly after?: (ms: number, run: () => void) => () => void;
  readonly newId?: () => string;
  /** The negotiated UI locale, recorded in `session_started` (default: the token's, else the flow's). */
  readonly locale?: string;
  /**
   * Bounds the wait for the decisions' code (loaded when first needed): the engine has no timers, so
   * its host passes one, and a stalled load then fails the decision (an offer shows its error, a
   * cancel fails open) instead of holding it. Without it the wait is unbounded.
   */
  readonly within?: <T>(loading: Promise<T>, what: string) => Promise<T>;
  /**
   * The host carries out the subscriber's decision once the flow has ended (the widget's static flows:
   * the site's own link, form or button cancels, and the site applies an offer taken on `saved`). An
   * offer taken or a cancel confirmed then ends the session at once, `saved` or `cancelled`, without
   * the steps after it: no thank-you or receipt may say it is done before anything is.
   */
  readonly endAtDecision?: boolean;
}

/**
 * Which ways on the current step offers, so that no two buttons do the same thing. `cancel`:
 * "Continue to cancel" (every step before the cancel). `next`: a separate "Continue" on a question,
 * only where it leads somewhere other than the confirm step. `decline`: a "No thanks" that only
 * dismisses the done step's win-back offer; before the cancel an offer is declined by continuing to cancel.
 */
export interface Exits {
  readonly next: boolean;
  readonly cancel: boolean;
  readonly decline: boolean;
}

export interface FlowEngine {
  readonly state: ReadonlySignal<EngineState>;
  readonly step: ReadonlySignal<Step | undefined>;
  /** The offer on screen (offer step, or done step after a cancel), if any. */
  readonly offer: ReadonlySignal<ResolvedOffer | undefined>;
  /**
   * The step's number on the path actually taken (0-based `index`): it only moves when the subscriber
   * does, one per step, never with an answer. No total: the path ahead depends on answers not given yet.
   */
  readonly progress: ReadonlySignal<{ readonly index: number }>;
  /** The ways on from the current step, each shown once (see `Exits`). */
  readonly exits: ReadonlySignal<Exits>;
  readonly canGoBack: ReadonlySignal<boolean>;
  /** Settles once, when the session ends. */
  readonly outcome: Promise<Outcome>;

  start(): void;
  selectReason(reasonId: string): void;
  writeFollowUp(text: string): void;
  /** Leaves the current question step (survey, feedback, custom) for the next one. */
  next(): void;
  acceptOffer(choice?: OfferChoice): Promise<void>;
  declineOffer(): void;
  /** On every step: straight to the confirm step. */
  continueToCancel(): void;
  back(): void;
  writeFeedback(text: string): void;
  /**
   * On the confirm step: cancels. With `withdraw: true` (offered while `flow.withdrawal` is set) the
   * backend is told the subscriber withdraws from the contract instead; otherwise the flag is ignored.
   */
  confirmCancel(options?: { readonly withdraw?: boolean }): Promise<void>;
  /**
   * The subscriber closed the flow (Escape, ×): `abandoned`, unless it already ended. Ignored while an
   * accept or cancel is in flight: its result shows first, and the next close ends the session.
   */
  close(): void;
}
