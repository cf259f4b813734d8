import { cancellationTerms, type Policy, utcDay } from '@cancelflow/core';
import Stripe from 'stripe';
import type { CancelRequest, CancelResult } from '../types.ts';
import type { Mutations } from './client.ts';
import { toMajor, toMinor } from './money.ts';
import { customerOf, DECISION_KEY, dayOf, factsOf, refundablePayment } from './subscription.ts';

/**
 * Ends the subscription as the receipt says — now (a withdrawal, `policy.effective: "immediately"`, or
 * a period already over) or at the end of the paid period — and then pays back what the flow's
 * refund rule gives: a refund of the last payment, or a credit on the customer's balance when that
 * payment cannot be refunded (paid from the balance, or outside Stripe). The cancel comes first: a
 * refund without it would pay back a subscription that still runs. Answers the day it ended when it had
 * ended already (in the Dashboard, while the flow was open): the receipt then states that day.
 */
export async function cancelInStripe(
  stripe: Stripe,
  policy: Policy,
  request: CancelRequest,
  subscription: Stripe.Subscription,
  invoice: Stripe.Invoice | undefined,
  mutations: Mutations,
): Promise<CancelResult> {
  const today = utcDay(request.confirmedAt);
  const now = request.withdrawal || (request.effectiveOn !== undefined && request.effectiveOn <= today);
  const comment = request.reasonId ? `cancel flow: ${request.reasonId}` : 'cancel flow';
  let result: CancelResult = {};
  if (subscription.status === 'canceled') {
    // Already ended (by an earlier try of this decision, or elsewhere): there is nothing left to cancel,
    // and access ended that day, whatever day the receipt was going to name.
    mutations.inPlace();
    const ended = subscription.ended_at ?? subscription.canceled_at;
    if (ended) result = { endedOn: dayOf(ended) };
  } else if (now) {
    await mutations.run('cancel', (options) =>
      endNow(stripe, subscription.id, { prorate: false, cancellation_details: { comment } }, options, mutations),
    );
  } else if (subscription.metadata[DECISION_KEY] === request.idempotencyKey) {
    // An earlier try of this decision set the cancel at the period end.
    mutations.inPlace();
  } else {
    await mutations.run('subscription', (options) =>
      stripe.subscriptions.update(
        subscription.id,
        {
          cancel_at_period_end: true,
          cancellation_details: { comment },
          metadata: { [DECISION_KEY]: request.idempotencyKey },
        },
        options,
      ),
    );
  }

  const due = invoice ? refundDue(policy, request, subscription, invoice) : 0;
  if (!invoice || due <= 0) return result;
  const payment = refundablePayment(invoice);
  const customer = customerOf(subscription);
  const metadata = {
    cancelflow_session: request.sessionId,
    cancelflow_receipt: request.receiptId,
    cancelflow_invoice: invoice.id,
  };
  // What went back already, by this receipt (a retry: Stripe forgets keys after 24 hours) or by an
  // earlier cancel of the same payment (another session's): the refund rule gives one amount per
  // payment, however many cancels are confirmed, and a withdrawal after a prorated refund pays the rest.
  const back = await paidBack(stripe, request.receiptId, invoice, customer, payment);
  const amount = back.mine > 0 ? 0 : Math.max(0, Math.min(due - back.ours, invoice.amount_paid - back.all));
  // Less than the rule gives goes back (all or part of it went back before): the receipt says what did.
  const paid = back.mine + amount;
  if (paid < due)
    result = {
      ...result,
      refunded: { amount: toMajor(paid, invoice.currency), currency: invoice.currency.toUpperCase() },
    };
  if (amount <= 0) return result;
  if (payment) {
    await mutations.run('refund', (options) =>
      stripe.refunds.create({ ...payment, amount, reason: 'requested_by_customer', metadata }, options),
    );
  } else {
    await mutations.run('credit', (options) =>
      stripe.customers.createBalanceTransaction(
        customer,
        {
          amount: -amount,
          currency: invoice.currency,
          description: `Refund on cancelling (${request.receiptId})`,
          metadata,
        },
        options,
      ),
    );
  }
  return result;
}

/**
 * `DELETE /v1/subscriptions/:id`. Stripe takes no idempotency key on a DELETE and answers one for a
 * subscription that has ended 404 "No such subscription" — which is what the SDK's own retry of a
 * cancel whose answer was lost (a timeout, a dropped connection) gets, though that cancel went
 * through. So a 404 is read again: a subscription that is there and `canceled` is ended, as asked.
 */
async function endNow(
  stripe: Stripe,
  id: string,
  params: Stripe.SubscriptionCancelParams,
  options: Stripe.RequestOptions,
  mutations: Mutations,
): Promise<Stripe.Subscription> {
  try {
    return await stripe.subscriptions.cancel(id, params, options);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || error.code !== 'resource_missing') throw error;
    const ended = await stripe.subscriptions.retrieve(id).catch(() => undefined);
    if (ended?.status !== 'canceled') throw error;
    mutations.inPlace();
    return ended;
  }
}

/**
 * What goes back, in the invoice currency's smallest unit: everything paid on a withdrawal; otherwise
 * what core's `cancellationTerms` (the function the confirm step and the receipt use) gives under the
 * flow's rule, from the token's claims completed with Stripe's own facts. Never more than was paid.
 */
function refundDue(
  policy: Policy,
  request: CancelRequest,
  subscription: Stripe.Subscription,
  invoice: Stripe.Invoice,
): number {
  if (request.withdrawal) return invoice.amount_paid;
  const facts = factsOf(subscription, invoice);
  // The token's payment facts win, as on the receipt, unless they are in another currency than Stripe billed.
  const sameCurrency = !request.claims.currency || request.claims.currency === facts.currency;
  const claims = sameCurrency ? { ...facts, ...request.claims } : { ...request.claims, ...facts };
  const terms = cancellationTerms(policy, claims, request.confirmedAt);
  if (!terms.refundAmount) return 0;
  return Math.min(invoice.amount_paid, toMinor(terms.refundAmount, invoice.currency));
}

/** Refunds that are or will be paid out (not `failed` or `canceled`). */
const PAYING: ReadonlySet<string> = new Set(['succeeded', 'pending', 'requires_action']);

/**
 * What was already paid back on `invoice`, in its smallest unit: by the cancel flow (`ours`: refunds
 * of its payment or credits naming it, from any receipt) and in all (`all`: every refund of the
 * payment, one made by hand included), and by this receipt's own refund or credit (`mine`: a retry's).
 */
export async function paidBack(
  stripe: Stripe,
  receiptId: string,
  invoice: Stripe.Invoice,
  customer: string,
  payment: { payment_intent: string } | { charge: string } | undefined,
): Promise<{ ours: number; all: number; mine: number }> {
  const back = { ours: 0, all: 0, mine: 0 };
  const count = (amount: number, metadata: Stripe.Metadata | null, ours: boolean) => {
    back.all += amount;
    if (ours) back.ours += amount;
    if (metadata?.cancelflow_receipt === receiptId) back.mine += amount;
  };
  if (payment) {
    for await (const refund of stripe.refunds.list({ ...payment, limit: 100 })) {
      if (PAYING.has(refund.status ?? '')) count(refund.amount, refund.metadata, !!refund.metadata?.cancelflow_receipt);
    }
  } else {
    // A credit on the balance is the customer's, not the payment's: only those naming this invoice
    // (or made by this receipt, before credits named their invoice) count.
    for await (const credit of stripe.customers.listBalanceTransactions(customer, { limit: 100 })) {
      const meta = credit.metadata;
      if (meta?.cancelflow_invoice === invoice.id || meta?.cancelflow_receipt === receiptId) {
        count(-credit.amount, meta, true);
      }
    }
  }
  return back;
}
