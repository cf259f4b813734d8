import { cancellationTerms, type Policy, utcDay } from '@cancelflow/core';
import type Stripe from 'stripe';
import type { CancelRequest } from '../types.ts';
import type { Mutations } from './client.ts';
import { toMinor } from './money.ts';
import { customerOf, DECISION_KEY, factsOf, refundablePayment } from './subscription.ts';

/**
 * Ends the subscription as the receipt says — now (a withdrawal, `policy.effective: "immediately"`, or
 * a period already over) or at the end of the paid period — and then pays back what the flow's
 * refund rule gives: a refund of the last payment, or a credit on the customer's balance when that
 * payment cannot be refunded (paid from the balance, or outside Stripe). The cancel comes first: a
 * refund without it would pay back a subscription that still runs.
 */
export async function cancelInStripe(
  stripe: Stripe,
  policy: Policy,
  request: CancelRequest,
  subscription: Stripe.Subscription,
  invoice: Stripe.Invoice | undefined,
  mutations: Mutations,
): Promise<void> {
  const today = utcDay(request.now);
  const now = request.withdrawal || (request.effectiveOn !== undefined && request.effectiveOn <= today);
  const comment = request.reasonId ? `cancel flow: ${request.reasonId}` : 'cancel flow';
  if (subscription.status === 'canceled') {
    // Already ended (by a retry of this decision, or elsewhere): there is nothing left to cancel.
  } else if (now) {
    await mutations.run('cancel', (options) =>
      stripe.subscriptions.cancel(subscription.id, { prorate: false, cancellation_details: { comment } }, options),
    );
  } else if (subscription.metadata[DECISION_KEY] !== request.idempotencyKey) {
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

  const amount = invoice ? refundDue(policy, request, subscription, invoice) : 0;
  if (!invoice || amount <= 0) return;
  const payment = refundablePayment(invoice);
  const metadata = { cancelflow_session: request.sessionId, cancelflow_receipt: request.receiptId };
  // A prorated amount counted on another day would differ, and Stripe forgets keys after 24 hours:
  // the refund's own metadata, not only its key, keeps a retry from paying twice.
  if (await paidBack(stripe, request.receiptId, customerOf(subscription), payment)) return;
  if (payment) {
    await mutations.run('refund', (options) =>
      stripe.refunds.create({ ...payment, amount, reason: 'requested_by_customer', metadata }, options),
    );
  } else {
    await mutations.run('credit', (options) =>
      stripe.customers.createBalanceTransaction(
        customerOf(subscription),
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
  const terms = cancellationTerms(policy, claims, request.now);
  if (!terms.refundAmount) return 0;
  return Math.min(invoice.amount_paid, toMinor(terms.refundAmount, invoice.currency));
}

/** Whether this receipt's refund or credit was already made (its metadata names the receipt). */
async function paidBack(
  stripe: Stripe,
  receiptId: string,
  customer: string,
  payment: { payment_intent: string } | { charge: string } | undefined,
): Promise<boolean> {
  const ours = (o: { metadata: Stripe.Metadata | null }) => o.metadata?.cancelflow_receipt === receiptId;
  if (payment) return (await stripe.refunds.list({ ...payment, limit: 100 })).data.some(ours);
  return (await stripe.customers.listBalanceTransactions(customer, { limit: 100 })).data.some(ours);
}
