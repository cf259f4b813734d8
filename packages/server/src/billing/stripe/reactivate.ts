import type { ResolvedOffer } from '@cancelflow/core';
import type Stripe from 'stripe';
import type { StripeBillingConfig } from '../../config/sites.ts';
import { BillingError, type ReactivateRequest } from '../types.ts';
import { paidBack } from './cancel.ts';
import type { Mutations } from './client.ts';
import { couponFor, type OfferContext } from './offers.ts';
import { stripePriceFor } from './prices.ts';
import { customerOf, DECISION_KEY, lastPaidInvoice, refundablePayment } from './subscription.ts';

/** Subscription states Stripe can still take a cancellation back in (not `canceled` or `incomplete_expired`). */
const RUNNING: ReadonlySet<string> = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete']);

/**
 * The subscription a come-back is about: the token's `sid`, else the customer's newest one; and the
 * one this come-back already made, if a retry finds it (its metadata carries the decision's key).
 */
async function subscriptionsFor(stripe: Stripe, request: ReactivateRequest) {
  const { claims, idempotencyKey } = request;
  const named = claims.sid?.startsWith('sub_') ? await stripe.subscriptions.retrieve(claims.sid) : undefined;
  const customer = named ? customerOf(named) : claims.sub;
  if (!customer.startsWith('cus_')) {
    throw new BillingError('the token names no Stripe subscription (sid "sub_…") nor customer (sub "cus_…")');
  }
  const list = (await stripe.subscriptions.list({ customer, status: 'all', limit: 20 })).data;
  const made = list.find((s) => s.metadata[DECISION_KEY] === idempotencyKey);
  const old = named ?? list.find((s) => RUNNING.has(s.status)) ?? list.sort((a, b) => b.created - a.created)[0];
  if (!old) throw new BillingError('the customer has no Stripe subscription to reactivate');
  return { old, made };
}

/**
 * Takes a cancellation back in Stripe (docs/billing.md, "Undo and win-back"). While the subscription
 * still runs (cancelled at the period end), one update clears `cancel_at_period_end`, with the win-back
 * offer's discount or price in the same call. Once it has ended, Stripe cannot reactivate it: an undo
 * is refused, and a win-back creates a new subscription on the same price (or the offer's plan), paid
 * by the customer's payment method now (`error_if_incomplete`: a payment that fails or needs the
 * customer creates nothing). One mutation per come-back; a retry finds it by its metadata.
 */
export async function reactivateInStripe(
  stripe: Stripe,
  config: StripeBillingConfig,
  request: ReactivateRequest,
  mutations: Mutations,
): Promise<void> {
  const { old, made } = await subscriptionsFor(stripe, request);
  if (made) return;
  const running = RUNNING.has(old.status);
  if (!running && request.kind === 'undo') {
    throw new BillingError(`subscription ${old.id} has already ended in Stripe; an undo cannot bring it back`);
  }
  if (running && request.kind === 'undo') await refuseAfterRefund(stripe, old, request.receiptId);
  const offer = request.offer;
  const context = {
    stripe,
    config,
    request: { ...request, offerId: request.offerId ?? '', offer },
    subscription: old,
    mutations,
    done: false,
  };
  const discounts =
    offer?.type === 'discount' ? [await couponFor({ ...context, offer } as OfferContext<'discount'>)] : undefined;
  const plan = offer?.type === 'plan_change' ? priceOf(offer, config) : undefined;
  const item = old.items.data[0];
  const metadata = { [DECISION_KEY]: request.idempotencyKey, cancelflow_session: request.sessionId };
  if (running) {
    if (plan && old.items.data.length !== 1) {
      throw new BillingError(`the subscription has ${old.items.data.length} items; a plan change needs one`);
    }
    await mutations.run('subscription', (options) =>
      stripe.subscriptions.update(
        old.id,
        {
          cancel_at_period_end: false,
          ...(discounts && { discounts }),
          ...(plan &&
            item && { items: [{ id: item.id, price: plan }], proration_behavior: 'create_prorations' as const }),
          metadata,
        },
        options,
      ),
    );
    return;
  }
  const price = plan ?? item?.price.id;
  if (!price) throw new BillingError(`subscription ${old.id} has no price to start again with`);
  const paymentMethod =
    typeof old.default_payment_method === 'string' ? old.default_payment_method : old.default_payment_method?.id;
  await mutations.run('subscription', (options) =>
    stripe.subscriptions.create(
      {
        customer: customerOf(old),
        items: [{ price, quantity: item?.quantity ?? 1 }],
        ...(discounts && { discounts }),
        ...(paymentMethod && { default_payment_method: paymentMethod }),
        payment_behavior: 'error_if_incomplete',
        metadata,
      },
      options,
    ),
  );
}

/**
 * An undo keeps the paid period running: after the cancel paid money back for it (a refund of its
 * payment, or a credit naming its invoice), the subscriber would keep both. The server offers no undo
 * when the receipt stated a refund; this covers a refund only Stripe's facts gave.
 */
async function refuseAfterRefund(stripe: Stripe, subscription: Stripe.Subscription, receiptId: string) {
  const invoice = await lastPaidInvoice(stripe, subscription.id);
  if (!invoice) return;
  const back = await paidBack(stripe, receiptId, invoice, customerOf(subscription), refundablePayment(invoice));
  if (back.ours > 0) {
    throw new BillingError(
      `the cancel of subscription ${subscription.id} paid back ${back.ours} (${invoice.currency}, smallest unit); an undo would keep that and the paid period both`,
    );
  }
}

function priceOf(offer: Extract<ResolvedOffer, { type: 'plan_change' }>, config: StripeBillingConfig): string {
  const planId = offer.plans[0]?.id;
  const price = planId === undefined ? undefined : stripePriceFor(planId, config.prices);
  if (!price) throw new BillingError(`no Stripe price for plan ${planId}`);
  return price;
}
