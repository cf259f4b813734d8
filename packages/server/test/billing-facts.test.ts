import { addMonths, utcDay } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingPlugin } from '../src/billing/types.ts';
import type { SiteConfig } from '../src/config/sites.ts';
import type { AppDeps } from '../src/deps.ts';
import type { LogEntry } from '../src/http/log.ts';
import { withBillingFacts } from '../src/sessions/billing-facts.ts';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';
import { Receiver } from './receiver.ts';

// The main flow: access until the end of the paid period; a full refund within 14 days of the last payment.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  // The `hooked` site's webhook billing endpoint: it applies everything and has no lookup.
  const billing = new Receiver();
  beforeAll(async () => {
    await billing.up();
    t = await startTestServer({ backend, billingUrl: billing.url });
  });
  afterAll(async () => {
    await t?.close();
    await billing.down();
  });
  const told = () => billing.received.map((d) => JSON.parse(d.body) as { type: string; data: Record<string, unknown> });

  const cancel = (s: { sessionId: string; sessionKey: string }) =>
    t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/cancel`,
      { sessionKey: s.sessionKey },
      { 'idempotency-key': s.sessionId },
    );

  it('asks the billing plugin for the period end and last payment a token lacks, and states the real terms', async () => {
    // Subscribed three days ago (UTC), billed monthly from then by the demo billing plugin.
    const since = utcDay(new Date(Date.now() - 3 * 86_400_000));
    const s = await openSession(t, { sub: 'cus_looked_up', since, periodEnd: undefined, price: 49 });
    expect(s.body.subscriber).toMatchObject({
      periodEnd: addMonths(since, 1),
      lastPaymentOn: since,
      lastPaymentAmount: 49,
    });
    const receipt = (await cancel(s)).body;
    expect(receipt).toMatchObject({ effectiveOn: addMonths(since, 1), refund: 'You will be refunded $49.' });
  });

  it("keeps the token's own claims over billing's", async () => {
    const s = await openSession(t, { sub: 'cus_told', since: '2020-01-15', periodEnd: '2099-06-30' });
    expect(s.body.subscriber.periodEnd).toBe('2099-06-30');
  });

  it('without a period end from the token or billing, never invents "today": access lasts to the end of the period', async () => {
    const s = await openSession(t, { sub: 'cus_unknown', periodEnd: undefined }, 'hooked');
    expect(s.body.subscriber.periodEnd).toBeUndefined();
    const reply = await t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/cancel`,
      { sessionKey: s.sessionKey },
      { 'idempotency-key': s.sessionId, origin: 'https://hooked.example' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.effectiveOn).toBeUndefined();
    expect(reply.body.refund).toBe('You get a full refund if you cancel within 14 days of your last payment.');
    const cancelled = told().find((call) => call.type === 'subscription.cancel' && call.data.sessionId === s.sessionId);
    expect(cancelled?.data).not.toHaveProperty('effectiveOn');
    const page = await t.call('GET', new URL(reply.body.url).pathname);
    expect(page.text).toContain('Your access lasts until the end of the current billing period.');
  });
});

describe('withBillingFacts', () => {
  it('warns once per site when a period_end flow can never name the day access ends', async () => {
    const logs: LogEntry[] = [];
    const deps = {
      billingFor: () => ({}) as BillingPlugin,
      log: (entry: LogEntry) => logs.push(entry),
    } as unknown as AppDeps;
    const site = { id: 'nolookup', flow: { policy: { effective: 'period_end' } } } as unknown as SiteConfig;
    const now = new Date('2026-03-10T12:00:00Z');
    expect(await withBillingFacts(deps, site, { sub: 'a' }, now)).toEqual({ sub: 'a' });
    await withBillingFacts(deps, site, { sub: 'b' }, now);
    await withBillingFacts(deps, site, { sub: 'c', periodEnd: '2026-03-31' }, now);
    expect(logs).toMatchObject([{ level: 'warn', site: 'nolookup', msg: expect.stringMatching(/periodEnd/) }]);
  });
});

describe('a billing plugin whose lookup never answers', () => {
  it('starts the session with the token’s terms, and logs which plugin held it up', async () => {
    const logs: LogEntry[] = [];
    let asked = 0;
    const deps = {
      // Never settles, as a provider that accepted the connection and then went silent.
      billingFor: () =>
        ({
          lookup: () => {
            asked++;
            return new Promise(() => {});
          },
        }) as unknown as BillingPlugin,
      log: (entry: LogEntry) => logs.push(entry),
      lookupWaitMs: 20,
    } as unknown as AppDeps;
    const site = {
      id: 'hung',
      billing: { type: 'stripe' },
      flow: { policy: { effective: 'immediately' } },
    } as unknown as SiteConfig;
    const claims = { sub: 'cus_hung', since: '2026-03-01' };
    expect(await withBillingFacts(deps, site, claims, new Date('2026-03-10T12:00:00Z'))).toEqual(claims);
    expect(asked).toBe(1);
    expect(logs).toMatchObject([
      {
        level: 'warn',
        site: 'hung',
        billing: 'stripe',
        msg: expect.stringContaining(
          'the billing plugin "stripe" (lookup, as the session started) did not answer within 20 ms',
        ),
      },
    ]);
  });
});
