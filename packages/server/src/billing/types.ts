import type { OfferChoice, OfferStage, ResolvedOffer, SubscriberClaims } from '@cancelflow/core';

/**
 * A billing-provider plugin: applies what the subscriber chose to the site's billing system. The
 * server calls it only after its own re-checks passed (valid token, offer eligible in this session,
 * choice within bounds, nothing accepted yet), and before it answers the browser.
 *
 * Writing one (docs/billing.md: the interface, and what Paddle Billing and Chargebee would need):
 * - Map each offer type (`offer.type`) to the provider's call (a coupon for `discount`, a pause
 *   collection for `pause`, a subscription item change for `plan_change`, a trial end for
 *   `trial_extension`). `contact` and `redirect` usually need no billing change; return `{}`.
 * - Use `idempotencyKey` as the provider's idempotency key: after a crash the server may call again
 *   with the same key, and the provider must apply the change once.
 * - Throw a `BillingError` when the provider refuses (nothing applied) or with `outcome: 'unknown'`
 *   when it is unreachable or times out (it may have applied it); its message reaches logs, not the
 *   subscriber (they get a generic 502 `billing_failed`). Any other error counts as unknown.
 * - The subscriber is identified by the signed claims only (`claims.sub`, `claims.sid`).
 * - For saves verified, feed the provider's status changes (cancelled, payment failed, paused, resumed)
 *   to `recordStatusChange` (saves/record.ts), as the Stripe plugin's webhook route does.
 */
export interface BillingPlugin {
  applyOffer(request: ApplyOfferRequest): Promise<ApplyOfferResult>;
  /**
   * Ends the subscription as the receipt says; resolves with what billing reports when that differs
   * from what it was told (`CancelResult`), or with nothing.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a plugin written for `Promise<void>` still compiles.
  cancel(request: CancelRequest): Promise<CancelResult | void>;
  /**
   * Optional: what billing knows that the token may not say — the end of the paid period and the last
   * payment — so the confirm step and the receipt state this subscriber's terms ("access ends on 31
   * March", "you will be refunded $49") instead of "until the end of the current billing period" and
   * the refund rule. Called when a session starts, only if the token lacks one of them; the token's
   * claims win. A throw, or no answer within 2 s (`LOOKUP_WAIT_MS`), is logged and the session starts without. Leave it out if billing cannot tell.
   */
  lookup?(request: LookupRequest): Promise<SubscriptionFacts>;
  /**
   * Optional: the subscriber comes back after a cancel, from a link in follow-up mail. `kind: 'undo'`
   * takes the cancellation back while the subscription still runs (it continues as if never
   * cancelled; only before the day access ends, never after a withdrawal); `kind: 'winback'` starts
   * it again after the win-back message, with the step's `offer` applied if it has one. Called with
   * `idempotencyKey` `reactivate:<sessionId>`, the same on every retry. Without it, mail carries no
   * undo and no win-back is sent.
   */
  reactivate?(request: ReactivateRequest): Promise<void>;
}

export interface ReactivateRequest extends BillingContext {
  readonly kind: 'undo' | 'winback';
  /** The receipt of the cancellation being taken back. */
  readonly receiptId: string;
  /** The win-back step's offer (a discount, a plan change or a custom offer), applied on the way back. */
  readonly offerId?: string;
  readonly offer?: ResolvedOffer;
}

export interface LookupRequest {
  readonly siteId: string;
  readonly claims: SubscriberClaims;
  readonly now: Date;
}

/** What billing knows about the subscription, as claims: ISO dates, the amount in the currency's major unit. */
export type SubscriptionFacts = Partial<Pick<SubscriberClaims, 'periodEnd' | 'lastPaymentOn' | 'lastPaymentAmount'>>;

export interface BillingContext {
  readonly siteId: string;
  readonly sessionId: string;
  readonly claims: SubscriberClaims;
  /** Stable for one logical operation across retries; pass it to the provider. */
  readonly idempotencyKey: string;
  readonly now: Date;
}

export interface ApplyOfferRequest extends BillingContext {
  readonly offerId: string;
  readonly offer: ResolvedOffer;
  readonly choice?: OfferChoice | undefined;
  /**
   * `after_cancel`: the done step's offer, taken after this session's own cancel (a subscription the
   * flow just set to end); otherwise an offer to stay, before any cancel (absent: `before_cancel`).
   */
  readonly stage?: OfferStage | undefined;
}

/** What the widget may show after an accept ("Your subscription resumes on 3 March"). */
export interface ApplyOfferResult {
  readonly message?: string;
  /** ISO date billing resumes (pause). */
  readonly resumesOn?: string;
  /** The plan now in force (plan change). */
  readonly planId?: string;
  /** ISO date the trial now ends (trial extension), as billing set it. */
  readonly trialEndsOn?: string;
}

export interface CancelRequest extends BillingContext {
  readonly receiptId: string;
  /**
   * ISO date access ends. Absent: at the end of the current billing period, a day billing knows and the
   * token did not carry (nor `lookup` answer).
   */
  readonly effectiveOn?: string | undefined;
  readonly reasonId?: string | undefined;
  /** The subscriber withdrew from the contract (`eu`): end it now and refund everything paid. */
  readonly withdrawal: boolean;
  /**
   * When the subscriber confirmed: the receipt's terms (what is refunded) were counted at this moment,
   * and so are billing's, however much later a retry arrives. `now` is the attempt's own clock.
   */
  readonly confirmedAt: Date;
}

/** What billing reports after a cancel that the server should state instead of what it told billing. */
export interface CancelResult {
  /**
   * ISO day access ended, when billing found the subscription already ended — cancelled in the
   * billing system's own dashboard while the flow was open. The receipt, its mail, the webhook's
   * receipt and the done step state this day instead of the `effectiveOn` billing was told.
   */
  readonly endedOn?: string | undefined;
  /**
   * What billing paid back for this cancel, when that is less than the flow's refund rule gives: the
   * payment had been refunded already, wholly or in part (by a cancel in another session, or by hand
   * in the billing system). `amount` is in the currency's major unit (0: nothing went back). The
   * receipt, its mail and the webhook's receipt state this instead of the rule's amount.
   */
  readonly refunded?: { readonly amount: number; readonly currency: string } | undefined;
}

/**
 * The billing system refused (`outcome: 'refused'`, the default: nothing was applied) or its answer
 * is unknown (`'unknown'`: a timeout, a dropped connection, a 5xx — it may have applied the change).
 * After a refusal the session is open again; after an unknown outcome only the same request may be
 * retried (with the same idempotency key), so billing never ends up told two different things.
 */
export class BillingError extends Error {
  override readonly name = 'BillingError';
  readonly outcome: 'refused' | 'unknown';
  constructor(message: string, options: { outcome?: 'refused' | 'unknown'; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.outcome = options.outcome ?? 'refused';
  }
}
