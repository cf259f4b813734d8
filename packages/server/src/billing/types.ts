import type { OfferChoice, ResolvedOffer, SubscriberClaims } from '@cancelflow/core';

/**
 * A billing-provider plugin: applies what the subscriber chose to the site's billing system. The
 * server calls it only after its own re-checks passed (valid token, offer eligible in this session,
 * choice within bounds, nothing accepted yet), and before it answers the browser.
 *
 * Writing one for Stripe, Chargebee or Paddle:
 * - Map each offer type (`offer.type`) to the provider's call (a coupon for `discount`, a pause
 *   collection for `pause`, a subscription item change for `plan_change`, a trial end for
 *   `trial_extension`). `contact` and `redirect` usually need no billing change; return `{}`.
 * - Use `idempotencyKey` as the provider's idempotency key: after a crash the server may call again
 *   with the same key, and the provider must apply the change once.
 * - Throw a `BillingError` when the provider refuses or is unreachable; its message reaches logs,
 *   not the subscriber (they get a generic 502 `billing_failed`).
 * - The subscriber is identified by the signed claims only (`claims.sub`, `claims.sid`).
 */
export interface BillingPlugin {
  applyOffer(request: ApplyOfferRequest): Promise<ApplyOfferResult>;
  cancel(request: CancelRequest): Promise<void>;
}

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
}

/** What the widget may show after an accept ("Your subscription resumes on 3 March"). */
export interface ApplyOfferResult {
  readonly message?: string;
  /** ISO date billing resumes (pause). */
  readonly resumesOn?: string;
  /** The plan now in force (plan change). */
  readonly planId?: string;
}

export interface CancelRequest extends BillingContext {
  readonly receiptId: string;
  /** ISO date access ends. */
  readonly effectiveOn: string;
  readonly reasonId?: string | undefined;
  /** The subscriber withdrew from the contract (`eu`): end it now and refund everything paid. */
  readonly withdrawal: boolean;
}

/** The billing system refused or could not be reached. */
export class BillingError extends Error {
  override readonly name = 'BillingError';
}
