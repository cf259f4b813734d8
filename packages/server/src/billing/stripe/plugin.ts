import type { OfferType, Policy } from '@cancelflow/core';
import type { StripeBillingConfig } from '../../config/sites.ts';
import type { ApplyOfferResult, BillingPlugin } from '../types.ts';
import { cancelInStripe } from './cancel.ts';
import { deadlinesOf, type StripeClientOptions, stripeClient, withDeadline, withStripeErrors } from './client.ts';
import { APPLY, type OfferContext } from './offers.ts';
import { reactivateInStripe } from './reactivate.ts';
import { DECISION_KEY, factsOf, findSubscription, lastPaidInvoice } from './subscription.ts';

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
  return {
    applyOffer: (request) =>
      withStripeErrors(
        `apply offer ${request.offerId}`,
        request.idempotencyKey,
        async (mutations) => {
          const subscription = await findSubscription(stripe, request.claims);
          const context = {
            stripe,
            config,
            request,
            offer: request.offer,
            subscription,
            mutations,
            done: subscription.metadata[DECISION_KEY] === request.idempotencyKey,
          };
          // The map is exhaustive; the handler picked by the offer's own type gets that offer.
          const apply = APPLY[request.offer.type] as (c: OfferContext<OfferType>) => Promise<ApplyOfferResult>;
          return apply(context as OfferContext<OfferType>);
        },
        deadline.decision,
      ),
    cancel: (request) =>
      withStripeErrors(
        request.withdrawal ? 'withdraw' : 'cancel',
        request.idempotencyKey,
        async (mutations) => {
          const subscription = await findSubscription(stripe, request.claims, request.confirmedAt);
          const invoice = await lastPaidInvoice(stripe, subscription.id);
          await cancelInStripe(stripe, policy, request, subscription, invoice, mutations);
        },
        deadline.decision,
      ),
    reactivate: (request) =>
      withStripeErrors(
        `reactivate (${request.kind})`,
        request.idempotencyKey,
        (mutations) => reactivateInStripe(stripe, config, request, mutations),
        deadline.decision,
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
