import { addDays, type Offer, type OfferChoice, type Policy, utcDay } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '../src/billing/stripe/client.ts';
import { stripeBilling } from '../src/billing/stripe/plugin.ts';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import type { ApplyOfferRequest } from '../src/billing/types.ts';
import type { StripeBillingConfig } from '../src/config/sites.ts';

/**
 * A subscription ended or set to end in Stripe outside the flow — cancelled in the Dashboard (now, at
 * the period end, or on a date) or the customer portal while the subscriber has the flow open. An
 * offer taken then keeps nothing: the widget would thank them for staying, the server record a save
 * and mail "saved", while Stripe ends the subscription anyway. The plugin refuses it before changing
 * anything; the subscriber is told it was not applied and may continue to cancel.
 */
const NOW = new Date('2026-11-20T10:00:00Z');
const TODAY = utcDay(NOW);
const POLICY: Policy = { effective: 'period_end', refund: { type: 'none' }, retentionDays: 30 };

const stripe = new StripeServer();
let config: StripeBillingConfig;
/** What the Dashboard does: the same API, another caller. */
let dashboard: ReturnType<typeof stripeClient>;

beforeAll(async () => {
  await stripe.up();
  config = {
    type: 'stripe',
    secretKey: STRIPE_KEY,
    webhookSecret: 'whsec_test',
    prices: { basic: 'price_basic' },
    apiBase: stripe.url,
  };
  stripe.addPrice('price_basic');
  stripe.addCoupon('STAY30', { percent_off: 30 });
  dashboard = stripeClient(config, { maxNetworkRetries: 0 });
});
afterAll(() => stripe.down());

const plugin = () => stripeBilling(config, POLICY, { maxNetworkRetries: 0, timeoutMs: 2000 });

let n = 0;
function subscriber() {
  n += 1;
  const id = `sub_e${n}`;
  stripe.addSubscription({ id, paid: { amount: 4900, on: addDays(TODAY, -3) }, trialEnd: addDays(TODAY, 2) });
  return { id, session: `sess_e${n}`, claims: { sub: `cus_e${n}`, sid: id, currency: 'USD' } };
}

function accept(
  s: ReturnType<typeof subscriber>,
  offer: Offer,
  choice?: OfferChoice,
  stage?: ApplyOfferRequest['stage'],
): ApplyOfferRequest {
  return {
    siteId: 'acme',
    sessionId: s.session,
    claims: s.claims,
    idempotencyKey: stage === 'after_cancel' ? `accept:${s.session}:after_cancel` : `accept:${s.session}`,
    offerId: 'offer',
    offer: { ...offer, id: 'offer' } as ApplyOfferRequest['offer'],
    choice,
    now: NOW,
    ...(stage && { stage }),
  };
}

/** The flow's own cancel of `s`, at the period end. */
const cancel = (s: ReturnType<typeof subscriber>) =>
  plugin().cancel({
    siteId: 'acme',
    sessionId: s.session,
    claims: s.claims,
    idempotencyKey: `cancel:${s.session}`,
    receiptId: `rcp_${s.session}`,
    effectiveOn: '2026-12-15',
    withdrawal: false,
    now: NOW,
    confirmedAt: NOW,
  });

const OFFERS: [string, Offer, OfferChoice | undefined][] = [
  ['discount (the flow’s coupon)', { type: 'discount', percentOff: 30, months: 3, coupon: 'STAY30' }, undefined],
  ['discount (a coupon made for it)', { type: 'discount', percentOff: 20, months: 2 }, undefined],
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
];

const ENDINGS: [string, (id: string) => Promise<unknown>][] = [
  ['set to cancel at the period end', (id) => dashboard.subscriptions.update(id, { cancel_at_period_end: true })],
  ['cancelled now', (id) => dashboard.subscriptions.cancel(id)],
];

describe('an offer on a subscription ended outside the flow', () => {
  for (const [ending, end] of ENDINGS) {
    for (const [name, offer, choice] of OFFERS) {
      it(`${name}, ${ending} in the Dashboard: refused, nothing changed in Stripe`, async () => {
        const s = subscriber();
        await end(s.id);
        const before = structuredClone(stripe.subscriptionObject(s.id));
        await expect(plugin().applyOffer(accept(s, offer, choice))).rejects.toMatchObject({ outcome: 'refused' });
        expect(stripe.mutationsFor(`accept:${s.session}:`)).toEqual([]);
        expect(stripe.subscriptionObject(s.id)).toEqual(before);
      });
    }
  }

  it('a call booked (contact) changes nothing in Stripe and is not refused', async () => {
    const s = subscriber();
    await dashboard.subscriptions.update(s.id, { cancel_at_period_end: true });
    await expect(
      plugin().applyOffer(accept(s, { type: 'contact', url: 'https://acme.example/call' } as Offer)),
    ).resolves.toEqual({});
  });

  it("the done step's offer after the flow's own cancel at the period end is applied (us-mn's win-back)", async () => {
    const s = subscriber();
    await cancel(s);
    const offer: Offer = { type: 'discount', percentOff: 30, months: 3, coupon: 'STAY30' };
    await plugin().applyOffer(accept(s, offer, undefined, 'after_cancel'));
    expect(stripe.mutationsFor(`accept:${s.session}:after_cancel:`).map((m) => m.params.discounts)).toEqual([
      [{ coupon: 'STAY30' }],
    ]);
  });

  it("an accept whose outcome was unknown, retried after the session's own cancel, goes on as before (recorded cancelled_after)", async () => {
    const s = subscriber();
    await cancel(s);
    const offer: Offer = { type: 'discount', percentOff: 30, months: 3, coupon: 'STAY30' };
    await plugin().applyOffer(accept(s, offer));
    expect(stripe.mutationsFor(`accept:${s.session}:`)).toHaveLength(1);
    // Another session's cancel is not this one's: its accept is refused.
    const other = { ...s, session: `${s.session}_other` };
    await expect(plugin().applyOffer(accept(other, offer))).rejects.toMatchObject({ outcome: 'refused' });
  });

  it('a retry of an offer applied before the subscription was set to end answers as applied', async () => {
    const s = subscriber();
    const offer: Offer = { type: 'pause', unit: 'month', max: 3 };
    const first = await plugin().applyOffer(accept(s, offer, { months: 2 }));
    await dashboard.subscriptions.update(s.id, { cancel_at_period_end: true });
    expect(await plugin().applyOffer(accept(s, offer, { months: 2 }))).toEqual(first);
    expect(stripe.mutationsFor(`accept:${s.session}:`)).toHaveLength(1);
  });
});

describe('a cancel of a subscription ended outside the flow', () => {
  it('ended now in the Dashboard: changes nothing, and answers the day Stripe ended it (the receipt states it)', async () => {
    const s = subscriber();
    const ended = (await dashboard.subscriptions.cancel(s.id)).ended_at;
    expect(await cancel(s)).toEqual({ endedOn: utcDay(new Date((ended ?? 0) * 1000)) });
    expect(stripe.mutationsFor(`cancel:${s.session}:`)).toEqual([]);
  });

  it('a subscription still running: set to end at the period end, no other day answered', async () => {
    const s = subscriber();
    expect(await cancel(s)).toEqual({});
    expect(stripe.subscriptionObject(s.id)).toMatchObject({ cancel_at_period_end: true });
  });
});
