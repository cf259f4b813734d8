import type { OutcomeStatus } from './outcome.ts';

/**
 * Everything that happens in a session, as typed events. Each has a unique id (the server
 * de-duplicates by it), the session id, and the time it happened in the subscriber's browser.
 */
export interface EventPayloads {
  session_started: { flowId: string; flowVersion: number; locale: string; variant?: string; profiles: string[] };
  step_viewed: { stepId: string; stepType: string };
  reason_selected: { reasonId: string };
  offer_shown: { offerId: string; offerType: string };
  offer_accepted: { offerId: string; offerType: string; choice?: OfferChoice };
  offer_declined: { offerId: string; offerType: string };
  feedback_submitted: { stepId: string; text: string };
  cancel_confirmed: { reasonId?: string; receiptId?: string };
  session_abandoned: { stepId?: string };
  session_completed: { status: OutcomeStatus };
  /** The backend could not apply an offer or perform the cancel (the widget records it; code is an AdapterErrorCode). */
  action_failed: { action: 'accept_offer' | 'confirm_cancel'; code: string; status?: number };
}

export type FlowEventType = keyof EventPayloads;

export type FlowEvent = {
  [T in FlowEventType]: {
    readonly id: string;
    readonly sessionId: string;
    /** ISO 8601 time in UTC. */
    readonly at: string;
    readonly type: T;
    readonly payload: EventPayloads[T];
  };
}[FlowEventType];

/** What the subscriber chose inside an offer: how long a pause, which plan. */
export interface OfferChoice {
  readonly months?: number;
  readonly weeks?: number;
  readonly planId?: string;
}

/**
 * What the billing system reported after applying an offer (the reference server's `result`), so the
 * done step can say what billing stored rather than what the browser computed.
 */
export interface OfferResult {
  /** A line from the site's billing, shown as written. */
  readonly message?: string;
  /** ISO date billing resumes (pause). */
  readonly resumesOn?: string;
  /** The plan now in force (plan change). */
  readonly planId?: string;
  /** ISO date the trial now ends (trial extension). */
  readonly trialEndsOn?: string;
}

/** The durable record of a cancellation (§312k BGB asks for one the subscriber can keep). */
export interface Receipt {
  readonly id: string;
  readonly sessionId: string;
  /** When the subscriber confirmed, ISO 8601 UTC. */
  readonly confirmedAt: string;
  /**
   * When access ends, ISO date. Absent when it lasts until the end of the current billing period and
   * nobody knew that day (the receipt then says so, rather than inventing a date).
   */
  readonly effectiveOn?: string;
  readonly subscriptionId?: string;
  readonly plan?: string;
  /** Human-readable refund or credit that applies, in the session's locale. */
  readonly refund: string;
  /** Where the subscriber can fetch it again (the reference server's /v1/receipts/:id), if any. */
  readonly url?: string;
  /** The subscriber withdrew from the contract (the `eu` withdrawal function): ended at once, all refunded. */
  readonly withdrawal?: boolean;
}
