import { addDays, type Policy, utcDay } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeBilling } from '../src/billing/stripe/plugin.ts';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import type { CancelRequest } from '../src/billing/types.ts';
import type { StripeBillingConfig } from '../src/config/sites.ts';

/**
 * A cancel whose first part went through in Stripe, though the plugin did not hear so in the attempt
 * that fails: the SDK's own retry of a cancel whose answer was lost, or the decision's retry after the
 * cancel and before the refund. Stripe holds the cancel, so the plugin must never answer "refused"
 * (which tells the subscriber nothing changed and drops the server's claim, so nobody finishes it).
 */
const NOW = new Date('2026-11-20T10:00:00Z');
const TODAY = utcDay(NOW);
const IMMEDIATELY: Policy = { effective: 'immediately', refund: { type: 'full_within', days: 14 }, retentionDays: 30 };
const PERIOD_END: Policy = { effective: 'period_end', refund: { type: 'full_within', days: 14 }, retentionDays: 30 };

const stripe = new StripeServer();
let config: StripeBillingConfig;

beforeAll(async () => {
  await stripe.up();
  config = { type: 'stripe', secretKey: STRIPE_KEY, webhookSecret: 'whsec_test', prices: {}, apiBase: stripe.url };
});
afterAll(() => stripe.down());

let n = 0;
function subscriber() {
  n += 1;
  const id = `sub_h${n}`;
  stripe.addSubscription({ id, paid: { amount: 4900, on: addDays(TODAY, -3) } });
  return { id, session: `sess_h${n}`, claims: { sub: `cus_h${n}`, sid: id, currency: 'USD' } };
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
    confirmedAt: NOW,
    ...fields,
  };
}

const steps = (key: string) => stripe.mutationsFor(`${key}:`).map((m) => m.idempotencyKey?.slice(key.length + 1));
const refunds = (s: ReturnType<typeof subscriber>) =>
  stripe.refunds.filter((r) => (r.metadata as Record<string, string>).cancelflow_session === s.session);

describe('a cancel Stripe made, not yet heard of', () => {
  it("the SDK's own retry of a cancel whose answer was lost meets the ended subscription: done, and refunded once", async () => {
    // As in production: the SDK retries a request that timed out once by itself. The DELETE is not
    // keyed in Stripe (a DELETE takes no idempotency key), and Stripe answers a second one for the
    // now canceled subscription 404 "No such subscription".
    const plugin = stripeBilling(config, IMMEDIATELY, { maxNetworkRetries: 1, timeoutMs: 2000 });
    const s = subscriber();
    stripe.fail('DELETE', new RegExp(`/v1/subscriptions/${s.id}$`), { kind: 'lost_answer' });
    await plugin.cancel(cancel(s, { effectiveOn: TODAY }));
    expect(stripe.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(s.id))).toHaveLength(2);
    expect(stripe.subscriptionObject(s.id).status).toBe('canceled');
    expect(steps(`cancel:${s.session}`)).toEqual(['cancel', 'refund']);
    expect(refunds(s).map((r) => r.amount)).toEqual([4900]);
  });

  it('a subscription Stripe does not know is still a refusal: nothing was changed', async () => {
    const plugin = stripeBilling(config, IMMEDIATELY, { maxNetworkRetries: 0, timeoutMs: 2000 });
    const s = subscriber();
    const other = { ...s, claims: { ...s.claims, sid: 'sub_nowhere' } };
    await expect(plugin.cancel(cancel(other, { effectiveOn: TODAY }))).rejects.toMatchObject({ outcome: 'refused' });
    expect(steps(`cancel:${s.session}`)).toEqual([]);
  });

  for (const [name, policy, effectiveOn, first] of [
    ['cancel now', IMMEDIATELY, TODAY, 'cancel'],
    ['cancel at the period end', PERIOD_END, '2026-12-15', 'subscription'],
  ] as const) {
    it(`${name}: a retry that finds the cancel in place and is then refused the refund is unknown, not refused`, async () => {
      const plugin = stripeBilling(config, policy, { maxNetworkRetries: 0, timeoutMs: 2000 });
      const s = subscriber();
      const request = cancel(s, { effectiveOn });
      stripe.fail('POST', /\/v1\/refunds$/, { kind: 'error500' });
      await expect(plugin.cancel(request)).rejects.toMatchObject({ outcome: 'unknown' });
      expect(steps(`cancel:${s.session}`)).toEqual([first]);
      // The retry changes nothing of the subscription (the cancel is there), and Stripe refuses the refund.
      stripe.fail('POST', /\/v1\/refunds$/, { kind: 'card_declined' });
      await expect(plugin.cancel(request)).rejects.toMatchObject({ outcome: 'unknown' });
      expect(steps(`cancel:${s.session}`)).toEqual([first]);
      expect(refunds(s)).toEqual([]);
    });
  }
});

describe("a token without the subscription id (the customer's one live subscription)", () => {
  it('a retry after the cancel ended it finds the subscription that ended since the confirm, and refunds once', async () => {
    const plugin = stripeBilling(config, IMMEDIATELY, { maxNetworkRetries: 0, timeoutMs: 2000 });
    const s = subscriber();
    const request = cancel(s, { effectiveOn: TODAY, claims: { sub: s.claims.sub, currency: 'USD' } });
    stripe.fail('POST', /\/v1\/refunds$/, { kind: 'error500' });
    await expect(plugin.cancel(request)).rejects.toMatchObject({ outcome: 'unknown' });
    expect(stripe.subscriptionObject(s.id).status).toBe('canceled');
    // The customer has no live subscription now: the one that ended since the subscriber confirmed is theirs.
    await plugin.cancel(request);
    expect(steps(`cancel:${s.session}`)).toEqual(['cancel', 'refund']);
    expect(refunds(s).map((r) => r.amount)).toEqual([4900]);
    await plugin.cancel(request);
    expect(refunds(s)).toHaveLength(1);
  });

  it('a customer whose subscription ended before the confirm: refused, nothing changed', async () => {
    const plugin = stripeBilling(config, IMMEDIATELY, { maxNetworkRetries: 0, timeoutMs: 2000 });
    const s = subscriber();
    const request = cancel(s, { effectiveOn: TODAY, claims: { sub: s.claims.sub, currency: 'USD' } });
    await stripeBilling(config, IMMEDIATELY).cancel({ ...request, sessionId: 'sess_elsewhere', idempotencyKey: 'x' });
    const later = new Date(Date.now() + 600_000);
    await expect(plugin.cancel({ ...request, confirmedAt: later, now: later })).rejects.toMatchObject({
      outcome: 'refused',
    });
  });
});
