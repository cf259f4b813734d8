import { type SubscriberClaims, utcDay } from '@cancelflow/core';
import type Stripe from 'stripe';
import { BillingError, type SubscriptionFacts } from '../types.ts';
import { toMajor } from './money.ts';

/** Subscription metadata naming the last decision applied to it: a retry finds it there and does not apply it again. */
export const DECISION_KEY = 'cancelflow_decision';

/** An ISO day from a Stripe timestamp (seconds). */
export const dayOf = (seconds: number): string => utcDay(new Date(seconds * 1000));
/** Midnight UTC of an ISO day, as a Stripe timestamp: the day a pause ends is the day billing resumes. */
export const startOf = (day: string): number => Date.parse(day) / 1000;

const LIVE: ReadonlySet<string> = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete']);

/** How far Stripe's clock may be behind the server's when a cancel's end is matched to its confirm. */
const CLOCK_SKEW_S = 300;

/**
 * The subscriber's Stripe subscription, from the signed claims only: `sid` when it is a Stripe
 * subscription id, else the one live subscription of the customer `sub` names (`cus_…`).
 *
 * `endedSince`, for a cancel: when the customer has no live subscription, the one that ended since
 * the subscriber confirmed (give or take Stripe's clock). A retry of a cancel that ended it — the
 * refund failed after the cancel — finds it so and finishes, where "no live subscription" would
 * refuse a decision half applied in Stripe.
 */
export async function findSubscription(
  stripe: Stripe,
  claims: SubscriberClaims,
  endedSince?: Date,
): Promise<Stripe.Subscription> {
  if (claims.sid?.startsWith('sub_')) return stripe.subscriptions.retrieve(claims.sid);
  if (!claims.sub.startsWith('cus_')) {
    throw new BillingError('the token names no Stripe subscription (sid "sub_…") nor customer (sub "cus_…")');
  }
  const list = await stripe.subscriptions.list({ customer: claims.sub, status: 'all', limit: 20 });
  const live = list.data.filter((s) => LIVE.has(s.status));
  if (live.length === 0 && endedSince) {
    const since = Math.floor(endedSince.getTime() / 1000) - CLOCK_SKEW_S;
    const ended = list.data.filter((s) => s.status === 'canceled' && (s.ended_at ?? s.canceled_at ?? 0) >= since);
    if (ended.length === 1) return ended[0] as Stripe.Subscription;
  }
  if (live.length !== 1) {
    throw new BillingError(
      `customer has ${live.length} live Stripe subscriptions; put the one to change in the token's sid`,
    );
  }
  return live[0] as Stripe.Subscription;
}

/** The subscription's latest paid invoice, with its payments (what a refund goes back to). */
export async function lastPaidInvoice(stripe: Stripe, subscriptionId: string): Promise<Stripe.Invoice | undefined> {
  const list = await stripe.invoices.list({
    subscription: subscriptionId,
    status: 'paid',
    limit: 1,
    expand: ['data.payments'],
  });
  return list.data[0];
}

/** When the paid period ends: the latest period end of its items (Stripe keeps periods per item). */
export function periodEndOf(subscription: Stripe.Subscription): string | undefined {
  const ends = subscription.items.data.map((item) => item.current_period_end);
  return ends.length > 0 ? dayOf(Math.max(...ends)) : undefined;
}

/** What Stripe knows that the token may not: the period end and the last payment (see BillingPlugin.lookup). */
export function factsOf(
  subscription: Stripe.Subscription,
  invoice: Stripe.Invoice | undefined,
): SubscriptionFacts & { currency?: string } {
  const periodEnd = periodEndOf(subscription);
  const paidAt = invoice?.status_transitions.paid_at;
  return {
    ...(periodEnd && { periodEnd }),
    ...(invoice &&
      paidAt && {
        lastPaymentOn: dayOf(paidAt),
        lastPaymentAmount: toMajor(invoice.amount_paid, invoice.currency),
        currency: invoice.currency.toUpperCase(),
      }),
  };
}

/** The payment an invoice was paid with, when Stripe can refund it (a PaymentIntent or a Charge). */
export function refundablePayment(
  invoice: Stripe.Invoice,
): { payment_intent: string } | { charge: string } | undefined {
  for (const { status, payment } of invoice.payments?.data ?? []) {
    if (status !== 'paid') continue;
    const intent = payment.payment_intent;
    if (intent) return { payment_intent: typeof intent === 'string' ? intent : intent.id };
    const charge = payment.charge;
    if (charge) return { charge: typeof charge === 'string' ? charge : charge.id };
  }
  return undefined;
}

export const customerOf = (subscription: Stripe.Subscription): string =>
  typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
