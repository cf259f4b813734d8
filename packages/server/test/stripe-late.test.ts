import { addDays, type Policy, utcDay } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeBilling } from '../src/billing/stripe/plugin.ts';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import type { ApplyOfferRequest, CancelRequest } from '../src/billing/types.ts';
import type { StripeBillingConfig } from '../src/config/sites.ts';
import type { LogEntry } from '../src/http/log.ts';

/**
 * A decision abandoned at its deadline keeps running (a request under way cannot be called back),
 * while the server, told "unknown", releases its lease: another session's cancel of the same
 * subscriber goes ahead. What the abandoned attempt read before then is stale, so after its deadline
 * it starts no mutation; its retry (the same keys, reading afresh) finishes the decision.
 *
 * The order is made by the simulator holding answers until released, not by waiting: the short
 * deadline only has to pass while a request is held.
 */
const NOW = new Date('2026-11-20T10:00:00Z');
const TODAY = utcDay(NOW);
/** Prorated: the rule under which two cancels' refunds of one payment fit within what was paid. */
const PRORATED: Policy = { effective: 'immediately', refund: { type: 'prorated' }, retentionDays: 30 };

const stripe = new StripeServer();
let config: StripeBillingConfig;

beforeAll(async () => {
  await stripe.up();
  config = { type: 'stripe', secretKey: STRIPE_KEY, webhookSecret: 'whsec_test', prices: {}, apiBase: stripe.url };
  stripe.addCoupon('STAY30', { percent_off: 30 });
});
afterAll(() => stripe.down());

/**
 * A plugin whose decisions end after `deadlineMs`, and the log line its abandoned attempt writes when
 * it finally ends. The SDK's own timeout is far longer than any hold, so only the deadline ends a wait.
 */
function plugin(deadlineMs: number) {
  let ended: (entry: LogEntry) => void = () => {};
  const abandonedEnded = new Promise<LogEntry>((resolve) => {
    ended = resolve;
  });
  const log = (entry: LogEntry) => {
    if (/after its deadline/.test(entry.msg)) ended(entry);
  };
  const billing = stripeBilling(config, PRORATED, { maxNetworkRetries: 0, timeoutMs: 60_000, deadlineMs, log });
  return { billing, abandonedEnded };
}

let n = 0;
function subscriber() {
  n += 1;
  const id = `sub_l${n}`;
  // Paid for 30 days 23 days ago: 7 of 30 days unused, $11.43 of $49 back on a cancel today.
  const paidOn = addDays(TODAY, -23);
  stripe.addSubscription({
    id,
    periodStart: paidOn,
    periodEnd: addDays(paidOn, 30),
    paid: { amount: 4900, on: paidOn },
  });
  return { id, claims: { sub: `cus_l${n}`, sid: id, currency: 'USD' } };
}

function cancel(s: ReturnType<typeof subscriber>, session: string): CancelRequest {
  return {
    siteId: 'acme',
    sessionId: session,
    claims: s.claims,
    idempotencyKey: `cancel:${session}`,
    receiptId: `rcp_${session}`,
    effectiveOn: TODAY,
    withdrawal: false,
    now: NOW,
    confirmedAt: NOW,
  };
}

const refundsOf = (s: ReturnType<typeof subscriber>) =>
  stripe.refunds.filter((r) => r.payment_intent === `pi_${s.id.slice(4)}`).map((r) => r.amount);

describe('a decision after its deadline', () => {
  it("a timed-out cancel whose attempt goes on after another session's cancel does not refund a second time", async () => {
    const s = subscriber();
    const a = plugin(300);
    // Session A's cancel: Stripe ends the subscription, but the answer comes only after A's deadline.
    const ending = stripe.hold('DELETE', new RegExp(`/v1/subscriptions/${s.id}$`));
    const first = a.billing.cancel(cancel(s, 'sess_la'));
    await ending.arrived;
    await expect(first).rejects.toMatchObject({ outcome: 'unknown' });
    // A's attempt goes on: it reads the refunds of the payment ("none yet"), and that answer is held.
    const listed = stripe.hold('GET', /\/v1\/refunds$/);
    ending.release();
    await listed.arrived;
    // The server released A's lease: session B's cancel of the same subscriber goes ahead and refunds.
    await plugin(60_000).billing.cancel(cancel(s, 'sess_lb'));
    expect(refundsOf(s)).toEqual([1143]);
    // A hears "no refunds yet" after B's refund; past its deadline, it must not refund on that.
    listed.release();
    const end = await a.abandonedEnded;
    expect(refundsOf(s)).toEqual([1143]);
    expect(end.msg).toBe('stripe decision stopped after its deadline');
    expect(stripe.mutationsFor('cancel:sess_la:').map((m) => m.idempotencyKey)).toEqual(['cancel:sess_la:cancel']);
    // A's retry reads afresh: B's refund of this payment is the one the rule gives, and nothing more goes back.
    await plugin(60_000).billing.cancel(cancel(s, 'sess_la'));
    expect(refundsOf(s)).toEqual([1143]);
  });

  it('an offer whose coupon was made after its deadline does not go on to change the subscription', async () => {
    const s = subscriber();
    const a = plugin(300);
    const coupon = stripe.hold('POST', /\/v1\/coupons$/);
    const request: ApplyOfferRequest = {
      siteId: 'acme',
      sessionId: 'sess_lc',
      claims: s.claims,
      idempotencyKey: 'accept:sess_lc',
      offerId: 'offer',
      offer: { type: 'discount', percentOff: 20, months: 3, id: 'offer' } as ApplyOfferRequest['offer'],
      now: NOW,
    };
    const accepting = a.billing.applyOffer(request);
    await coupon.arrived;
    await expect(accepting).rejects.toMatchObject({ outcome: 'unknown' });
    coupon.release();
    const end = await a.abandonedEnded;
    expect(stripe.subscriptionObject(s.id).discounts).toEqual([]);
    expect(stripe.mutationsFor('accept:sess_lc:').map((m) => m.idempotencyKey)).toEqual(['accept:sess_lc:coupon']);
    expect(end.msg).toBe('stripe decision stopped after its deadline');
  });
});
