import {
  addDays,
  addPeriod,
  cancellationTerms,
  type Offer,
  type OfferChoice,
  type Policy,
  type SubscriberClaims,
  utcDay,
} from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '../src/billing/stripe/client.ts';
import { stripeBilling } from '../src/billing/stripe/plugin.ts';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { BillingError, type BillingPlugin, type CancelRequest } from '../src/billing/types.ts';
import type { StripeBillingConfig } from '../src/config/sites.ts';

/**
 * The `stripe` billing plugin with the official SDK, over loopback HTTP, against a Stripe-protocol
 * server that keeps state, honours idempotency keys like Stripe and fails on demand.
 */
const NOW = new Date('2026-11-20T10:00:00Z');
const TODAY = utcDay(NOW);
const POLICY_FULL_14: Policy = {
  effective: 'period_end',
  refund: { type: 'full_within', days: 14 },
  retentionDays: 30,
};

const stripe = new StripeServer();
let config: StripeBillingConfig;
/** No SDK retries, so a lost answer surfaces as an unknown outcome (after the timeout: 2 s, ample on loopback). */
const plugin = (policy: Policy = POLICY_FULL_14): BillingPlugin =>
  stripeBilling(config, policy, { maxNetworkRetries: 0, timeoutMs: 2000 });

beforeAll(async () => {
  await stripe.up();
  config = {
    type: 'stripe',
    secretKey: STRIPE_KEY,
    webhookSecret: 'whsec_test',
    prices: { starter: 'price_starter', basic: 'price_basic' },
    apiBase: stripe.url,
  };
  stripe.addPrice('price_starter');
  stripe.addPrice('price_basic');
  stripe.addCoupon('STAY30', { percent_off: 30 });
});
afterAll(() => stripe.down());

let n = 0;
/** A fresh subscription in Stripe and the claims of a token naming it. */
function subscriber(
  seed: Partial<Parameters<StripeServer['addSubscription']>[0]> = {},
  claims: Partial<SubscriberClaims> = {},
) {
  n += 1;
  const id = `sub_t${n}`;
  stripe.addSubscription({ id, paid: { amount: 4900, on: addDays(TODAY, -5) }, ...seed });
  return {
    id,
    session: `sess_${n}`,
    claims: { sub: `cus_t${n}`, sid: id, currency: 'USD', ...claims } as SubscriberClaims,
  };
}

function accept(s: ReturnType<typeof subscriber>, offer: Offer, choice?: OfferChoice, now = NOW) {
  return {
    siteId: 'acme',
    sessionId: s.session,
    claims: s.claims,
    idempotencyKey: `accept:${s.session}`,
    offerId: 'offer',
    offer: { ...offer, id: 'offer' },
    choice,
    now,
  };
}

function cancel(s: ReturnType<typeof subscriber>, fields: Partial<CancelRequest> = {}): CancelRequest {
  return {
    siteId: 'acme',
    sessionId: s.session,
    claims: s.claims,
    idempotencyKey: `cancel:${s.session}`,
    receiptId: `rcp_${s.session}`,
    withdrawal: false,
    now: NOW,
    ...fields,
    // Confirmed at NOW: a retry on a later day says so with `now`.
    confirmedAt: fields.confirmedAt ?? NOW,
  };
}

/** The mutations one decision made, by step (the idempotency key's suffix). */
const steps = (key: string) => stripe.mutationsFor(`${key}:`).map((m) => m.idempotencyKey?.slice(key.length + 1));
// biome-ignore lint/suspicious/noExplicitAny: tests read Stripe's JSON
const sub = (id: string) => stripe.subscriptionObject(id) as Record<string, any>;

describe('offers', () => {
  it('discount: a repeating coupon made for this acceptance, applied to the subscription', async () => {
    const s = subscriber();
    const result = await plugin().applyOffer(accept(s, { type: 'discount', percentOff: 30, months: 3 }));
    expect(result).toEqual({});
    expect(steps(`accept:${s.session}`)).toEqual(['coupon', 'subscription']);
    const [couponCall, update] = stripe.mutationsFor(`accept:${s.session}:`);
    expect(couponCall?.params).toMatchObject({
      percent_off: '30',
      duration: 'repeating',
      duration_in_months: '3',
      max_redemptions: '1',
    });
    const coupon = stripe.coupons.get(
      (update?.params.discounts as { coupon: string }[] | undefined)?.[0]?.coupon ?? '',
    );
    expect(coupon).toMatchObject({ percent_off: 30, duration_in_months: 3 });
    expect(sub(s.id).discounts).toHaveLength(1);
  });

  it("discount: the flow's own coupon id is redeemed, none is made", async () => {
    const s = subscriber();
    await plugin().applyOffer(accept(s, { type: 'discount', percentOff: 30, months: 3, coupon: 'STAY30' }));
    expect(steps(`accept:${s.session}`)).toEqual(['subscription']);
    expect(stripe.mutationsFor(`accept:${s.session}:`)[0]?.params.discounts).toEqual([{ coupon: 'STAY30' }]);
  });

  it('discount: a promotion code id (promo_…) is redeemed as a promotion code', async () => {
    stripe.addPromotionCode('promo_STAY30', 'STAY30');
    const s = subscriber();
    await plugin().applyOffer(accept(s, { type: 'discount', percentOff: 30, months: 3, coupon: 'promo_STAY30' }));
    expect(stripe.mutationsFor(`accept:${s.session}:`).map((m) => m.params.discounts)).toEqual([
      [{ promotion_code: 'promo_STAY30' }],
    ]);
    expect(sub(s.id).discounts).toHaveLength(1);
  });

  it("discount: an amount off in the subscription's currency's smallest unit (¥ has none below the yen)", async () => {
    const yen = subscriber({ currency: 'jpy' });
    await plugin().applyOffer(
      accept(yen, { type: 'discount', amountOff: { amount: 500, currency: 'JPY' }, months: 2 }),
    );
    expect(stripe.mutationsFor(`accept:${yen.session}:coupon`)[0]?.params).toMatchObject({
      amount_off: '500',
      currency: 'jpy',
    });
    const usd = subscriber();
    await plugin().applyOffer(
      accept(usd, { type: 'discount', amountOff: { amount: 4.5, currency: 'USD' }, months: 2 }),
    );
    expect(stripe.mutationsFor(`accept:${usd.session}:coupon`)[0]?.params).toMatchObject({
      amount_off: '450',
      currency: 'usd',
    });
  });

  it('discount: an amount in another currency than the subscription bills in is refused before any change', async () => {
    const s = subscriber();
    const error = await plugin()
      .applyOffer(accept(s, { type: 'discount', amountOff: { amount: 5, currency: 'EUR' }, months: 2 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingError);
    expect(error).toMatchObject({ outcome: 'refused' });
    expect(steps(`accept:${s.session}`)).toEqual([]);
  });

  it('pause: collection paused (invoices voided) until the day the widget shows, by the same date module', async () => {
    const s = subscriber();
    const result = await plugin().applyOffer(accept(s, { type: 'pause', unit: 'month', max: 3 }, { months: 2 }));
    const resumesOn = addPeriod(TODAY, 2, 'month');
    expect(result).toEqual({ resumesOn });
    expect(sub(s.id).pause_collection).toEqual({ behavior: 'void', resumes_at: Date.parse(resumesOn) / 1000 });
    const weekly = subscriber();
    const weeks = await plugin().applyOffer(accept(weekly, { type: 'pause', unit: 'week', max: 6 }, { weeks: 3 }));
    expect(weeks).toEqual({ resumesOn: addDays(TODAY, 21) });
  });

  it("plan change: the subscription's item moves to the plan's Stripe price, with prorations", async () => {
    const s = subscriber();
    const offer: Offer = {
      type: 'plan_change',
      plans: [
        { id: 'basic', name: 'Basic', price: { amount: 19, currency: 'USD' }, interval: 'month' },
        { id: 'starter', name: 'Starter', price: { amount: 9, currency: 'USD' }, interval: 'month' },
      ],
    };
    const result = await plugin().applyOffer(accept(s, offer, { planId: 'starter' }));
    expect(result).toEqual({ planId: 'starter' });
    expect(sub(s.id).items.data[0].price.id).toBe('price_starter');
    expect(stripe.mutationsFor(`accept:${s.session}:`)[0]?.params).toMatchObject({
      items: [{ id: `si_t${n}`, price: 'price_starter' }],
      proration_behavior: 'create_prorations',
    });
  });

  it('trial extension: the trial ends the offered days later than Stripe had it (the day the widget shows)', async () => {
    const trialEnds = addDays(TODAY, 3);
    const s = subscriber({ trialEnd: trialEnds }, { trial: true, trialEnds });
    const before = sub(s.id).trial_end as number;
    await plugin().applyOffer(accept(s, { type: 'trial_extension', days: 14 }));
    expect(sub(s.id).trial_end).toBe(before + 14 * 86_400);
    expect(utcDay(new Date(sub(s.id).trial_end * 1000))).toBe(addDays(trialEnds, 14));
  });

  it("trial extension: the answer is the day Stripe's trial now ends, also where the token said another day", async () => {
    // Stripe's trial ends in 5 days; the site's token still says 3 (signed before a change in Stripe).
    const s = subscriber({ trialEnd: addDays(TODAY, 5) }, { trial: true, trialEnds: addDays(TODAY, 3) });
    const result = await plugin().applyOffer(accept(s, { type: 'trial_extension', days: 14 }));
    expect(result).toEqual({ trialEndsOn: addDays(TODAY, 19) });
    expect(utcDay(new Date(sub(s.id).trial_end * 1000))).toBe(addDays(TODAY, 19));
  });

  it('contact and redirect change nothing in Stripe', async () => {
    const s = subscriber();
    await plugin().applyOffer(accept(s, { type: 'contact', email: 'help@acme.example' }));
    await plugin().applyOffer(accept(s, { type: 'redirect', url: 'https://acme.example/help' }));
    expect(steps(`accept:${s.session}`)).toEqual([]);
  });
});

describe('cancel and withdrawal', () => {
  it('at period end, with a full refund within 14 days of the last payment', async () => {
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -5) } });
    await plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' }));
    expect(steps(`cancel:${s.session}`)).toEqual(['subscription', 'refund']);
    expect(sub(s.id)).toMatchObject({ status: 'active', cancel_at_period_end: true });
    expect(stripe.refunds.at(-1)).toMatchObject({
      amount: 4900,
      payment_intent: `pi_t${n}`,
      reason: 'requested_by_customer',
    });
  });

  it("the token's payment in another currency than Stripe billed: the refund follows Stripe's invoice", async () => {
    const s = subscriber(
      { paid: { amount: 4900, on: addDays(TODAY, -5) } },
      { currency: 'EUR', lastPaymentOn: addDays(TODAY, -5), lastPaymentAmount: 45 },
    );
    await plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' }));
    expect(stripe.refunds.at(-1)).toMatchObject({ amount: 4900, currency: 'usd' });
  });

  it('past the refund window: cancelled at period end, nothing refunded', async () => {
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -20) } });
    await plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' }));
    expect(steps(`cancel:${s.session}`)).toEqual(['subscription']);
  });

  it('immediately, with the prorated refund core computes for the receipt', async () => {
    const policy: Policy = { effective: 'immediately', refund: { type: 'prorated' }, retentionDays: 30 };
    const paidOn = addDays(TODAY, -10);
    const s = subscriber({ paid: { amount: 3000, on: paidOn }, periodStart: paidOn, periodEnd: addDays(paidOn, 30) });
    await plugin(policy).cancel(cancel(s, { effectiveOn: TODAY }));
    expect(steps(`cancel:${s.session}`)).toEqual(['cancel', 'refund']);
    expect(sub(s.id).status).toBe('canceled');
    const terms = cancellationTerms(
      policy,
      { ...s.claims, periodEnd: addDays(paidOn, 30), lastPaymentOn: paidOn, lastPaymentAmount: 30 },
      NOW,
    );
    expect(terms.refundAmount).toBe(20);
    expect(stripe.refunds.at(-1)).toMatchObject({ amount: 2000 });
  });

  it('a payment Stripe cannot refund (paid from the balance) is credited to the customer instead', async () => {
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -2), via: 'balance' } });
    await plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' }));
    expect(steps(`cancel:${s.session}`)).toEqual(['subscription', 'credit']);
    expect(stripe.credits.at(-1)).toMatchObject({ amount: -4900, currency: 'usd', customer: `cus_t${n}` });
  });

  it('withdrawal: ended now and everything paid refunded, whatever the refund rule', async () => {
    const none: Policy = { effective: 'period_end', refund: { type: 'none' }, retentionDays: 30 };
    const s = subscriber({ paid: { amount: 9900, on: addDays(TODAY, -3), via: 'charge' } });
    await plugin(none).cancel(cancel(s, { withdrawal: true, effectiveOn: TODAY }));
    expect(steps(`cancel:${s.session}`)).toEqual(['cancel', 'refund']);
    expect(sub(s.id).status).toBe('canceled');
    expect(stripe.refunds.at(-1)).toMatchObject({ amount: 9900, charge: `ch_t${n}` });
  });
});

describe('one payment, paid back once', () => {
  const PRORATED: Policy = { effective: 'immediately', refund: { type: 'prorated' }, retentionDays: 30 };
  /** Paid 3000 ten days into a 30-day period: a prorated cancel now refunds 2000. */
  function tenDaysIn() {
    const paidOn = addDays(TODAY, -10);
    return subscriber({ paid: { amount: 3000, on: paidOn }, periodStart: paidOn, periodEnd: addDays(paidOn, 30) });
  }
  const refunded = () => stripe.refunds.filter((r) => r.payment_intent === `pi_t${n}`).map((r) => r.amount);

  it("a second cancel of the same payment (another session's receipt) refunds nothing more, and says so", async () => {
    const s = tenDaysIn();
    expect(await plugin(PRORATED).cancel(cancel(s, { effectiveOn: TODAY }))).toEqual({});
    const again = cancel({ ...s, session: `${s.session}_again` }, { effectiveOn: TODAY });
    // The receipt states what went back (nothing), not the rule's $20 again.
    expect((await plugin(PRORATED).cancel(again))?.refunded).toEqual({ amount: 0, currency: 'USD' });
    expect(refunded()).toEqual([2000]);
    // Its retry (the answer lost) reads the same.
    expect((await plugin(PRORATED).cancel(again))?.refunded).toEqual({ amount: 0, currency: 'USD' });
  });

  it('part of the payment refunded by hand in Stripe before the cancel: the rest goes back, and the answer says how much', async () => {
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -5) } });
    await stripeClient(config).refunds.create({ payment_intent: `pi_t${n}`, amount: 1900 });
    const request = cancel(s, { effectiveOn: '2026-12-15' });
    expect(await plugin().cancel(request)).toEqual({ refunded: { amount: 30, currency: 'USD' } });
    expect(refunded()).toEqual([1900, 3000]);
    // A retry of this receipt: its own refund is found, and stated again.
    expect(await plugin().cancel(request)).toEqual({ refunded: { amount: 30, currency: 'USD' } });
    expect(refunded()).toEqual([1900, 3000]);
  });

  it('a second cancel of a payment made from the balance credits nothing more', async () => {
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -2), via: 'balance' } });
    await plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' }));
    await plugin().cancel(cancel({ ...s, session: `${s.session}_again` }, { effectiveOn: '2026-12-15' }));
    expect(stripe.credits.filter((c) => c.customer === `cus_t${n}`).map((c) => c.amount)).toEqual([-4900]);
  });

  it('a withdrawal after a prorated refund pays back the rest of the payment, no more', async () => {
    const s = tenDaysIn();
    await plugin(PRORATED).cancel(cancel(s, { effectiveOn: TODAY }));
    const rest = await plugin(PRORATED).cancel(
      cancel({ ...s, session: `${s.session}_w` }, { withdrawal: true, effectiveOn: TODAY }),
    );
    expect(refunded()).toEqual([2000, 1000]);
    expect(rest?.refunded).toEqual({ amount: 10, currency: 'USD' });
  });

  it('a retry on a later day refunds what the receipt said when the subscriber confirmed', async () => {
    // Full refund within 14 days of paying: the 14th day is the last, and the retry comes on the 15th.
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -14) } });
    stripe.fail('POST', /\/v1\/refunds$/, { kind: 'error500' });
    const request = cancel(s, { effectiveOn: '2026-12-15' });
    await expect(plugin().cancel(request)).rejects.toMatchObject({ outcome: 'unknown' });
    await plugin().cancel({ ...request, now: new Date(NOW.getTime() + 86_400_000) });
    expect(refunded()).toEqual([4900]);
  });
});

describe('lookup', () => {
  it("reads the period end and the last payment (in the currency's major unit) from Stripe", async () => {
    const s = subscriber({ currency: 'jpy', periodEnd: '2026-12-09', paid: { amount: 1200, on: '2026-11-09' } });
    expect(await plugin().lookup?.({ siteId: 'acme', claims: s.claims, now: NOW })).toEqual({
      periodEnd: '2026-12-09',
      lastPaymentOn: '2026-11-09',
      lastPaymentAmount: 1200,
    });
  });

  it("finds the customer's one live subscription when the token has no subscription id", async () => {
    const s = subscriber({ paid: { amount: 1999, on: '2026-11-01' } });
    const facts = await plugin().lookup?.({ siteId: 'acme', claims: { sub: `cus_t${n}` }, now: NOW });
    expect(facts).toMatchObject({ lastPaymentAmount: 19.99 });
    expect(s.id).toBe(`sub_t${n}`);
  });
});

describe('errors', () => {
  const fail = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BillingError);
    return error as BillingError;
  };
  const discount: Offer = { type: 'discount', percentOff: 30, months: 3, coupon: 'STAY30' };

  it('a declined card is refused: nothing applied, the subscriber may choose again', async () => {
    const s = subscriber();
    stripe.fail('POST', new RegExp(`/v1/subscriptions/${s.id}$`), { kind: 'card_declined' });
    const error = await fail(plugin().applyOffer(accept(s, discount)));
    expect(error.outcome).toBe('refused');
    expect(error.message).toMatch(/card_declined/);
    expect(sub(s.id).discounts).toEqual([]);
  });

  it('an invalid request (an unknown coupon) and a wrong API key are refused', async () => {
    const s = subscriber();
    const bad = await fail(plugin().applyOffer(accept(s, { ...discount, coupon: 'NOPE' })));
    expect(bad.outcome).toBe('refused');
    const wrongKey = stripeBilling({ ...config, secretKey: 'sk_test_wrong' }, POLICY_FULL_14, { maxNetworkRetries: 0 });
    expect((await fail(wrongKey.applyOffer(accept(s, discount)))).outcome).toBe('refused');
  });

  it('a discount refused after its coupon was made (the card declined) is refused, not unknown', async () => {
    const s = subscriber();
    stripe.fail('POST', new RegExp(`/v1/subscriptions/${s.id}$`), { kind: 'card_declined' });
    const error = await fail(plugin().applyOffer(accept(s, { type: 'discount', percentOff: 20, months: 6 })));
    expect(steps(`accept:${s.session}`)).toEqual(['coupon']);
    expect(error.outcome).toBe('refused');
  });

  it('a discount on a subscription that has ended is refused before a coupon is made (stripe-ending.test.ts)', async () => {
    const s = subscriber({ status: 'canceled' });
    const error = await fail(plugin().applyOffer(accept(s, { type: 'discount', percentOff: 20, months: 6 })));
    expect(steps(`accept:${s.session}`)).toEqual([]);
    expect(error.outcome).toBe('refused');
  });

  it('a 500, a rate limit or a timeout leaves the outcome unknown', async () => {
    const s = subscriber();
    const path = new RegExp(`/v1/subscriptions/${s.id}$`);
    stripe.fail('POST', path, { kind: 'error500' });
    expect((await fail(plugin().applyOffer(accept(s, discount)))).outcome).toBe('unknown');
    stripe.fail('POST', path, { kind: 'rate_limit' });
    expect((await fail(plugin().applyOffer(accept(s, discount)))).outcome).toBe('unknown');
    stripe.fail('GET', path, { kind: 'lost_answer' });
    expect((await fail(plugin().applyOffer(accept(s, discount)))).outcome).toBe('unknown');
  });

  it('an answer that trickles in a byte at a time ends at the deadline, unknown (the socket never idles)', async () => {
    const s = subscriber();
    stripe.fail('POST', new RegExp(`/v1/subscriptions/${s.id}$`), { kind: 'trickle', everyMs: 100 });
    const slow = stripeBilling(config, POLICY_FULL_14, { maxNetworkRetries: 0, timeoutMs: 1000, deadlineMs: 2000 });
    const pause = accept(s, { type: 'pause', unit: 'month', max: 3 }, { months: 1 });
    await expect(slow.applyOffer(pause)).rejects.toMatchObject({ outcome: 'unknown' });
  });

  it('a lookup whose answer trickles in ends at its deadline too', async () => {
    const s = subscriber();
    stripe.fail('GET', new RegExp(`/v1/subscriptions/${s.id}$`), { kind: 'trickle', everyMs: 100 });
    const slow = stripeBilling(config, POLICY_FULL_14, { maxNetworkRetries: 0, timeoutMs: 1000, deadlineMs: 2000 });
    await expect(slow.lookup?.({ siteId: 'acme', claims: s.claims, now: NOW })).rejects.toMatchObject({
      outcome: 'unknown',
    });
  });

  it('a failure after part of the decision went through is unknown, not refused', async () => {
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -1) } });
    stripe.fail('POST', /\/v1\/refunds$/, { kind: 'card_declined' });
    const error = await fail(plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' })));
    expect(error.outcome).toBe('unknown');
    expect(steps(`cancel:${s.session}`)).toEqual(['subscription']);
  });
});

describe('retries after a timeout: exactly one Stripe mutation per decision', () => {
  /** Stripe makes the next matching change, but its answer never arrives. */
  const lose = (method: string, path: RegExp) => stripe.fail(method, path, { kind: 'lost_answer' });

  it('discount: the coupon made before the timeout is the one applied on the retry', async () => {
    const s = subscriber();
    lose('POST', /\/v1\/coupons$/);
    const request = accept(s, { type: 'discount', percentOff: 20, months: 6 });
    await expect(plugin().applyOffer(request)).rejects.toMatchObject({ outcome: 'unknown' });
    expect(steps(`accept:${s.session}`)).toEqual(['coupon']);
    await plugin().applyOffer(request);
    expect(steps(`accept:${s.session}`)).toEqual(['coupon', 'subscription']);
    expect(stripe.requests.filter((r) => r.idempotencyKey === `accept:${s.session}:coupon`)).toHaveLength(2);
    expect(sub(s.id).discounts).toHaveLength(1);
  });

  for (const [name, offer, choice] of [
    ['discount', { type: 'discount', percentOff: 30, months: 3, coupon: 'STAY30' }, undefined],
    ['pause', { type: 'pause', unit: 'month', max: 3 }, { months: 1 }],
    [
      'plan change',
      {
        type: 'plan_change',
        plans: [{ id: 'basic', name: 'Basic', price: { amount: 19, currency: 'USD' }, interval: 'month' }],
      },
      undefined,
    ],
    ['trial extension', { type: 'trial_extension', days: 7 }, undefined],
  ] as [string, Offer, OfferChoice | undefined][]) {
    it(`${name}: the update whose answer was lost is not made again, even on a later day`, async () => {
      const s = subscriber({ trialEnd: addDays(TODAY, 2) });
      lose('POST', new RegExp(`/v1/subscriptions/${s.id}$`));
      await expect(plugin().applyOffer(accept(s, offer, choice))).rejects.toMatchObject({ outcome: 'unknown' });
      const after = structuredClone(sub(s.id));
      const first = await plugin().applyOffer(accept(s, offer, choice));
      // A day later the parameters would differ (a pause counted from another day): the decision
      // recorded on the subscription, not only Stripe's idempotency key, keeps it from applying twice.
      const later = await plugin().applyOffer(accept(s, offer, choice, new Date(NOW.getTime() + 86_400_000)));
      expect(later).toEqual(first);
      expect(steps(`accept:${s.session}`)).toEqual(['subscription']);
      expect(sub(s.id)).toEqual(after);
    });
  }

  it('cancel now: the retry finds the subscription ended and only refunds, once', async () => {
    const policy: Policy = { effective: 'immediately', refund: { type: 'full_within', days: 14 }, retentionDays: 30 };
    const s = subscriber();
    lose('DELETE', new RegExp(`/v1/subscriptions/${s.id}$`));
    await expect(plugin(policy).cancel(cancel(s, { effectiveOn: TODAY }))).rejects.toMatchObject({
      outcome: 'unknown',
    });
    await plugin(policy).cancel(cancel(s, { effectiveOn: TODAY }));
    expect(steps(`cancel:${s.session}`)).toEqual(['cancel', 'refund']);
  });

  it('a prorated refund whose answer was lost is not paid again on a later day (when the amount would differ)', async () => {
    const policy: Policy = { effective: 'immediately', refund: { type: 'prorated' }, retentionDays: 30 };
    const paidOn = addDays(TODAY, -10);
    const s = subscriber({ paid: { amount: 3000, on: paidOn }, periodStart: paidOn, periodEnd: addDays(paidOn, 30) });
    lose('POST', /\/v1\/refunds$/);
    await expect(plugin(policy).cancel(cancel(s, { effectiveOn: TODAY }))).rejects.toMatchObject({
      outcome: 'unknown',
    });
    await plugin(policy).cancel(cancel(s, { effectiveOn: TODAY, now: new Date(NOW.getTime() + 86_400_000) }));
    expect(steps(`cancel:${s.session}`)).toEqual(['cancel', 'refund']);
    expect(stripe.refunds.filter((r) => r.payment_intent === `pi_t${n}`).map((r) => r.amount)).toEqual([2000]);
  });

  it('a balance credit whose answer was lost is not credited twice', async () => {
    const s = subscriber({ paid: { amount: 4900, on: addDays(TODAY, -2), via: 'balance' } });
    lose('POST', new RegExp(`/v1/customers/cus_t${n}/balance_transactions$`));
    await expect(plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' }))).rejects.toMatchObject({
      outcome: 'unknown',
    });
    await plugin().cancel(cancel(s, { effectiveOn: '2026-12-15' }));
    expect(steps(`cancel:${s.session}`)).toEqual(['subscription', 'credit']);
  });

  it('withdrawal: a refund whose answer was lost is replayed by Stripe, not paid twice', async () => {
    const s = subscriber({ paid: { amount: 2500, on: addDays(TODAY, -1) } });
    lose('POST', /\/v1\/refunds$/);
    const request = cancel(s, { withdrawal: true, effectiveOn: TODAY });
    await expect(plugin().cancel(request)).rejects.toMatchObject({ outcome: 'unknown' });
    await plugin().cancel(request);
    await plugin().cancel(request);
    expect(steps(`cancel:${s.session}`)).toEqual(['cancel', 'refund']);
    expect(
      stripe.refunds.filter((r) => (r.metadata as Record<string, string>).cancelflow_session === s.session),
    ).toHaveLength(1);
  });
});
