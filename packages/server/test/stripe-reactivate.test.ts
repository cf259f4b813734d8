import { addDays, type Offer, type Policy, type SubscriberClaims, utcDay } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeBilling } from '../src/billing/stripe/plugin.ts';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import type { BillingPlugin, ReactivateRequest } from '../src/billing/types.ts';
import type { StripeBillingConfig } from '../src/config/sites.ts';

/**
 * `reactivate` of the `stripe` plugin (the undo and win-back links of follow-up mail), with the real
 * SDK over loopback HTTP against the Stripe-protocol simulator: one Stripe mutation per come-back,
 * however often it is retried, also after an answer lost to a timeout.
 */
const NOW = new Date('2026-11-20T10:00:00Z');
const TODAY = utcDay(NOW);
const POLICY: Policy = { effective: 'period_end', refund: { type: 'none' }, retentionDays: 30 };

const stripe = new StripeServer();
let config: StripeBillingConfig;
/** No SDK retries, so a lost answer surfaces as an unknown outcome after the 2 s timeout. */
const plugin = (): BillingPlugin => stripeBilling(config, POLICY, { maxNetworkRetries: 0, timeoutMs: 2000 });

beforeAll(async () => {
  await stripe.up();
  config = {
    type: 'stripe',
    secretKey: STRIPE_KEY,
    webhookSecret: 'whsec_test',
    prices: { starter: 'price_starter' },
    apiBase: stripe.url,
  };
  stripe.addPrice('price_starter');
});
afterAll(() => stripe.down());

let n = 0;
/** A subscription cancelled by the plugin: at the period end, or ended now. */
async function cancelled(how: 'period_end' | 'now') {
  n += 1;
  const id = `sub_r${n}`;
  stripe.addSubscription({ id, paid: { amount: 4900, on: addDays(TODAY, -5) } });
  const claims = { sub: `cus_r${n}`, sid: id, currency: 'USD' } as SubscriberClaims;
  const session = `sess_r${n}`;
  await plugin().cancel({
    siteId: 'acme',
    sessionId: session,
    claims,
    idempotencyKey: `cancel:${session}`,
    receiptId: `rcp_${session}`,
    withdrawal: false,
    confirmedAt: NOW,
    now: NOW,
    ...(how === 'now' ? { effectiveOn: TODAY } : {}),
  });
  return { id, claims, session, customer: `cus_r${n}` };
}

function comeBack(
  s: Awaited<ReturnType<typeof cancelled>>,
  kind: 'undo' | 'winback',
  offer?: Offer,
): ReactivateRequest {
  return {
    kind,
    siteId: 'acme',
    sessionId: s.session,
    claims: s.claims,
    idempotencyKey: `reactivate:${s.session}`,
    receiptId: `rcp_${s.session}`,
    ...(offer ? { offerId: 'winback_offer', offer: { ...offer, id: 'winback_offer' } } : {}),
    now: NOW,
  };
}

const steps = (s: { session: string }) =>
  stripe
    .mutationsFor(`reactivate:${s.session}:`)
    .map((m) => `${m.method} ${m.path} ${m.idempotencyKey?.split(':')[2]}`);
// biome-ignore lint/suspicious/noExplicitAny: tests read Stripe's JSON
const sub = (id: string) => stripe.subscriptionObject(id) as Record<string, any>;
const ofCustomer = (customer: string) => [...stripe.subscriptions.values()].filter((s) => s.customer === customer);

describe('stripe reactivate', () => {
  it('undo while the subscription runs to its period end: one update clears cancel_at_period_end', async () => {
    const s = await cancelled('period_end');
    expect(sub(s.id).cancel_at_period_end).toBe(true);
    await plugin().reactivate?.(comeBack(s, 'undo'));
    expect(sub(s.id)).toMatchObject({ cancel_at_period_end: false, status: 'active' });
    expect(steps(s)).toEqual([`POST /v1/subscriptions/${s.id} subscription`]);
    // A second click on the link (a retry): found on the subscription, nothing sent.
    await plugin().reactivate?.(comeBack(s, 'undo'));
    expect(steps(s)).toHaveLength(1);
  });

  it('undo after the subscription ended is refused, and changes nothing', async () => {
    const s = await cancelled('now');
    await expect(plugin().reactivate?.(comeBack(s, 'undo'))).rejects.toMatchObject({ outcome: 'refused' });
    expect(steps(s)).toEqual([]);
    expect(ofCustomer(s.customer)).toHaveLength(1);
  });

  it('win-back while it still runs: the step discount and the undo in one update', async () => {
    const s = await cancelled('period_end');
    await plugin().reactivate?.(comeBack(s, 'winback', { type: 'discount', percentOff: 25, months: 2 }));
    expect(steps(s)).toEqual(['POST /v1/coupons coupon', `POST /v1/subscriptions/${s.id} subscription`]);
    expect(sub(s.id)).toMatchObject({ cancel_at_period_end: false });
    expect(sub(s.id).discounts).toHaveLength(1);
  });

  it('win-back after the end: a new subscription on the same price, once, even when its answer was lost', async () => {
    const s = await cancelled('now');
    stripe.fail('POST', /^\/v1\/subscriptions$/, { kind: 'lost_answer' });
    const request = comeBack(s, 'winback', { type: 'discount', percentOff: 25, months: 2 });
    await expect(plugin().reactivate?.(request)).rejects.toMatchObject({ outcome: 'unknown' });
    await plugin().reactivate?.(request);
    await plugin().reactivate?.(request);
    expect(steps(s)).toEqual(['POST /v1/coupons coupon', 'POST /v1/subscriptions subscription']);
    const subscriptions = ofCustomer(s.customer);
    expect(subscriptions.map((x) => x.status).sort()).toEqual(['active', 'canceled']);
    const created = subscriptions.find((x) => x.status === 'active');
    expect(created).toMatchObject({ price: 'price_pro', metadata: { cancelflow_decision: request.idempotencyKey } });
    expect(created?.discounts).toHaveLength(1);
    const [create] = stripe.mutationsFor(`reactivate:${s.session}:subscription`);
    expect(create?.params).toMatchObject({ customer: s.customer, payment_behavior: 'error_if_incomplete' });
  });

  it('win-back after the end whose payment is declined creates nothing and may be tried again', async () => {
    const s = await cancelled('now');
    stripe.fail('POST', /^\/v1\/subscriptions$/, { kind: 'card_declined' });
    const plan: Offer = {
      type: 'plan_change',
      plans: [{ id: 'starter', name: { en: 'Starter' }, price: { amount: 9, currency: 'USD' }, interval: 'month' }],
    };
    await expect(plugin().reactivate?.(comeBack(s, 'winback', plan))).rejects.toMatchObject({ outcome: 'refused' });
    expect(ofCustomer(s.customer)).toHaveLength(1);
    expect(steps(s)).toEqual([]);
  });
});
