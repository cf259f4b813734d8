import { addPeriod, type OfferType, type ResolvedOffer, utcDay } from '@cancelflow/core';
import type Stripe from 'stripe';
import type { StripeBillingConfig } from '../../config/sites.ts';
import { type ApplyOfferRequest, type ApplyOfferResult, BillingError } from '../types.ts';
import type { Mutations } from './client.ts';
import { toMinor } from './money.ts';
import { planForPrice, stripePriceFor } from './prices.ts';
import { DECISION_KEY, dayOf, startOf } from './subscription.ts';

export interface OfferContext<T extends OfferType> {
  readonly stripe: Stripe;
  readonly config: StripeBillingConfig;
  readonly request: ApplyOfferRequest;
  readonly offer: Extract<ResolvedOffer, { type: T }>;
  readonly subscription: Stripe.Subscription;
  readonly mutations: Mutations;
  /** This decision is already on the subscription (a retry after Stripe applied it): read the result, change nothing. */
  readonly done: boolean;
}

/** Updates the subscription and marks it with this decision, so a retry finds the change in place. */
function update<T extends OfferType>(c: OfferContext<T>, params: Stripe.SubscriptionUpdateParams) {
  return c.mutations.run('subscription', (options) =>
    c.stripe.subscriptions.update(
      c.subscription.id,
      { ...params, metadata: { [DECISION_KEY]: c.request.idempotencyKey } },
      options,
    ),
  );
}

/** The coupon (or promotion code) a discount offer redeems: the flow's own, else one made for this acceptance. */
export async function couponFor(c: OfferContext<'discount'>): Promise<Stripe.SubscriptionUpdateParams.Discount> {
  const { offer, subscription } = c;
  if (offer.coupon)
    return offer.coupon.startsWith('promo_') ? { promotion_code: offer.coupon } : { coupon: offer.coupon };
  const amount = offer.amountOff;
  if (amount && amount.currency.toLowerCase() !== subscription.currency) {
    throw new BillingError(
      `the offer takes ${amount.currency} off, but the subscription bills in ${subscription.currency.toUpperCase()}`,
    );
  }
  const coupon = await c.mutations.run(
    'coupon',
    (options) =>
      c.stripe.coupons.create(
        {
          ...(amount
            ? { amount_off: toMinor(amount.amount, subscription.currency), currency: subscription.currency }
            : { percent_off: offer.percentOff ?? 0 }),
          duration: 'repeating',
          duration_in_months: offer.months,
          max_redemptions: 1,
          name: `Cancel flow: ${offer.id}`.slice(0, 40),
          metadata: { cancelflow_session: c.request.sessionId, cancelflow_offer: offer.id },
        },
        options,
      ),
    false, // redeemable once, by this acceptance's update only
  );
  return { coupon: coupon.id };
}

type Apply<T extends OfferType> = (c: OfferContext<T>) => Promise<ApplyOfferResult>;

/**
 * What each offer type does in Stripe (docs/billing.md has the table). A new offer type fails the
 * build until it is handled here.
 */
export const APPLY: { [T in OfferType]: Apply<T> } = {
  // Replaces the subscription's discounts: a retention discount is not meant to stack.
  discount: async (c) => {
    if (!c.done) await update(c, { discounts: [await couponFor(c)] });
    return {};
  },
  // `void`: no invoices while paused; collection restarts on the day the widget showed.
  pause: async (c) => {
    const { offer, request, subscription } = c;
    const resumes = subscription.pause_collection?.resumes_at;
    const weeks = offer.unit === 'week';
    const count = (weeks ? request.choice?.weeks : request.choice?.months) ?? 1;
    const resumesOn =
      c.done && resumes ? dayOf(resumes) : addPeriod(utcDay(request.now), count, weeks ? 'week' : 'month');
    if (!c.done) await update(c, { pause_collection: { behavior: 'void', resumes_at: startOf(resumesOn) } });
    return { resumesOn };
  },
  // Stripe's default proration: the unused time of the old price is credited on the next invoice.
  plan_change: async (c) => {
    const { offer, request, subscription, config } = c;
    const planId = request.choice?.planId ?? offer.plans[0]?.id;
    const price = planId === undefined ? undefined : stripePriceFor(planId, config.prices);
    if (planId === undefined || price === undefined) throw new BillingError(`no Stripe price for plan ${planId}`);
    const items = subscription.items.data;
    if (items.length !== 1)
      throw new BillingError(`the subscription has ${items.length} items; a plan change needs one`);
    const item = items[0] as Stripe.SubscriptionItem;
    if (!c.done) await update(c, { items: [{ id: item.id, price }], proration_behavior: 'create_prorations' });
    return { planId: c.done ? planForPrice(item.price.id, config.prices) : planId };
  },
  // From the trial end Stripe has, which the token's `trialEnds` should be; a retry changes nothing. The
  // answer is the day Stripe now has, so that the done step and the mail state it even where the token
  // said another day.
  trial_extension: async (c) => {
    const { offer, request, subscription } = c;
    const now = Math.floor(request.now.getTime() / 1000);
    const from = subscription.trial_end && subscription.trial_end > now ? subscription.trial_end : now;
    const ends = c.done ? (subscription.trial_end ?? from) : from + offer.days * 86_400;
    if (!c.done) await update(c, { trial_end: ends, proration_behavior: 'none' });
    return { trialEndsOn: dayOf(ends) };
  },
  // Nothing to change in Stripe: the site acts on the `offer.accepted` webhook (a call, a link, its own offer).
  contact: async () => ({}),
  redirect: async () => ({}),
  custom: async () => ({}),
};
