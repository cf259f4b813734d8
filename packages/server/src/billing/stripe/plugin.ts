import { CHANGES_SUBSCRIPTION, type OfferType, type Policy } from '@cancelflow/core';
import type Stripe from 'stripe';
import type { StripeBillingConfig } from '../../config/sites.ts';
import { type ApplyOfferResult, BillingError, type BillingPlugin } from '../types.ts';
import { cancelInStripe } from './cancel.ts';
import { deadlinesOf, type StripeClientOptions, stripeClient, withDeadline, withStripeErrors } from './client.ts';
import { APPLY, type OfferContext } from './offers.ts';
import { reactivateInStripe } from './reactivate.ts';
import { DECISION_KEY, dayOf, factsOf, findSubscription, lastPaidInvoice } from './subscription.ts';

/**
 * An offer to stay, on a subscription that Stripe has ended or will end — cancelled outside the flow
 * (the Dashboard, the customer portal) while the subscriber had it open: the change would keep
 * nothing, yet the subscriber would be thanked for staying and a save recorded. Refused before
 * anything is changed (no coupon made either); the subscriber may continue to cancel.
 */
function refuseIfEnding(subscription: Stripe.Subscription): void {
  const ending =
    subscription.status === 'canceled' || subscription.status === 'incomplete_expired'
      ? `it is ${subscription.status}`
      : subscription.cancel_at_period_end
        ? 'it is set to cancel at the period end'
        : subscription.cancel_at
          ? `it is set to cancel on ${dayOf(subscription.cancel_at)}`
          : undefined;
  if (ending) throw new BillingError(`an offer would not keep this subscription: in Stripe ${ending}`);
}

/**
 * The `stripe` billing plugin (docs/billing.md): applies each offer, cancel and withdrawal to the
 * subscriber's Stripe subscription through the official SDK, with Stripe idempotency keys derived
 * from the server's, and reads the period end and last payment for `lookup`. Reads come first; each
 * mutation is keyed, and the subscription carries the decision it last applied, so a retry of a
 * decision whose answer was lost changes nothing twice.
 */
export function stripeBilling(
  config: StripeBillingConfig,
  /** The site's flow policy: its refund rule decides what a cancel pays back. */
  policy: Policy,
  options: StripeClientOptions = {},
): BillingPlugin {
  const stripe = stripeClient(config, options);
  const deadline = deadlinesOf(options);
  const decision = { deadlineMs: deadline.decision, log: options.log };
  return {
    applyOffer: (request) =>
      withStripeErrors(
        `apply offer ${request.offerId}`,
        request.idempotencyKey,
        async (mutations) => {
          const subscription = await findSubscription(stripe, request.claims);
          const done = subscription.metadata[DECISION_KEY] === request.idempotencyKey;
          // Not for the done step's offer, nor an accept of this session whose own cancel came after
          // it (its outcome was unknown: a retry under way is then recorded `cancelled_after`).
          const ownCancel = subscription.metadata[DECISION_KEY] === `cancel:${request.sessionId}`;
          if (!done && !ownCancel && request.stage !== 'after_cancel' && CHANGES_SUBSCRIPTION[request.offer.type]) {
            refuseIfEnding(subscription);
          }
          const context = {
            stripe,
            config,
            request,
            offer: request.offer,
            subscription,
            mutations,
            done,
          };
          // The map is exhaustive; the handler picked by the offer's own type gets that offer.
          const apply = APPLY[request.offer.type] as (c: OfferContext<OfferType>) => Promise<ApplyOfferResult>;
          return apply(context as OfferContext<OfferType>);
        },
        decision,
      ),
    cancel: (request) =>
      withStripeErrors(
        request.withdrawal ? 'withdraw' : 'cancel',
        request.idempotencyKey,
        async (mutations) => {
          const subscription = await findSubscription(stripe, request.claims, request.confirmedAt);
          const invoice = await lastPaidInvoice(stripe, subscription.id);
          return cancelInStripe(stripe, policy, request, subscription, invoice, mutations);
        },
        decision,
      ),
    reactivate: (request) =>
      withStripeErrors(
        `reactivate (${request.kind})`,
        request.idempotencyKey,
        (mutations) => reactivateInStripe(stripe, config, request, mutations),
        decision,
      ),
    lookup: ({ claims }) =>
      withDeadline(
        (async () => {
          const subscription = await findSubscription(stripe, claims);
          const invoice = await lastPaidInvoice(stripe, subscription.id);
          const { currency: _currency, ...facts } = factsOf(subscription, invoice);
          return facts;
        })(),
        deadline.lookup,
        'look up the subscription',
      ),
  };
}
