import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';
import { Receiver, until } from './receiver.ts';

const DAY = 86_400_000;

// Personal data outside `feedback` and `mail_outbox` (privacy.test.ts, mail-winback.test.ts): stored
// claims, delivered webhook bodies, audit rows. The test flow's retentionDays is 30.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  let receiver: Receiver;
  // The `hooked` site's billing endpoint: it answers an offer with a line for the subscriber, by name.
  const billing = new Receiver();
  billing.answer = (d) => {
    const { type, data } = JSON.parse(d.body);
    return type === 'offer.apply'
      ? { message: `Paused for you, ${data.subscriber.name}.`, resumesOn: '2099-02-01', account: 'ACCT-77' }
      : {};
  };
  let at = Date.now();
  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.up();
    await billing.up();
    // The job also runs at start-up: wait for that run, so it cannot take rows the tests count on.
    let started: () => void = () => {};
    const firstRun = new Promise<void>((resolve) => {
      started = resolve;
    });
    t = await startTestServer({
      backend,
      webhookUrl: receiver.url,
      billingUrl: billing.url,
      now: () => new Date(at),
      retention: { webhookBodyDays: 7, auditDays: 90 },
      log: (entry) => {
        if (entry.msg.startsWith('retention job')) started();
      },
    });
    await firstRun;
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.down();
    await billing.down();
  });

  const exportOf = async (sub: string) => (await t.admin('GET', `/v1/admin/subscribers/${sub}/export`)).body;

  /** A cancelled session whose token carried an address, a custom claim and attrs; and a refused accept. */
  async function cancelled(sub: string) {
    const s = await openSession(
      t,
      { sub, email: `${sub}@example.com`, name: `Name of ${sub}`, attrs: { seats: 3 } },
      'acme',
      new Date(at),
    );
    await t.call('POST', `/v1/sessions/${s.sessionId}/accept`, { sessionKey: s.sessionKey, offerId: 'forged' });
    const r = await t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/cancel`,
      { sessionKey: s.sessionKey, reasonId: 'not_using' },
      { 'idempotency-key': `k_${sub}` },
    );
    expect(r.status).toBe(200);
    await until(
      async () =>
        (await exportOf(sub)).webhooks.every((w: { delivered_at: unknown }) => w.delivered_at) &&
        (await exportOf(sub)).webhooks.length > 0,
      10_000,
      'delivery',
    );
  }

  it("reduces stored claims after the flow's retentionDays, keeping what receipts and counts read", async () => {
    at = Date.now() - 40 * DAY;
    await cancelled('ret_claims_old');
    at = Date.now() - 10 * DAY;
    await cancelled('ret_claims_new');
    at = Date.now();
    const run = await t.admin('POST', '/v1/admin/retention/run');
    expect(run.status).toBe(200);
    expect(run.body.claimsMinimized).toBe(1);
    const [old] = (await exportOf('ret_claims_old')).sessions;
    expect(old.claims).toEqual({
      sub: 'ret_claims_old',
      plan: 'pro',
      mrr: 49,
      currency: 'USD',
      periodEnd: '2099-12-31',
      exp: old.claims.exp,
    });
    expect(old.status).toBe('cancelled');
    const [recent] = (await exportOf('ret_claims_new')).sessions;
    expect(recent.claims).toMatchObject({
      email: 'ret_claims_new@example.com',
      name: 'Name of ret_claims_new',
      attrs: { seats: 3 },
    });
    // Done once: the next run finds nothing left to reduce.
    expect((await t.admin('POST', '/v1/admin/retention/run')).body.claimsMinimized).toBe(0);
  });

  it("reduces billing's answer to an accepted offer after retentionDays to the change it made", async () => {
    /** A session of the `hooked` site that takes the pause, billing answering with the subscriber's name. */
    const paused = async (sub: string) => {
      const s = await openSession(t, { sub, name: `Name of ${sub}` }, 'hooked', new Date(at));
      const r = await t.call(
        'POST',
        `/v1/sessions/${s.sessionId}/accept`,
        { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
        { 'idempotency-key': `a_${sub}`, origin: 'https://hooked.example' },
      );
      expect(r.status).toBe(200);
      expect(r.body.result.message).toBe(`Paused for you, Name of ${sub}.`);
    };
    at = Date.now() - 40 * DAY;
    await paused('ret_result_old');
    at = Date.now() - 10 * DAY;
    await paused('ret_result_new');
    at = Date.now();
    const run = await t.admin('POST', '/v1/admin/retention/run');
    expect(run.status).toBe(200);
    expect(run.body.offerResultsMinimized).toBe(1);
    const [old] = (await exportOf('ret_result_old')).offersAccepted;
    expect(old.result).toEqual({ resumesOn: '2099-02-01' });
    expect(old).toMatchObject({ offer_id: 'pause', state: 'applied', stage: 'before_cancel' });
    const [recent] = (await exportOf('ret_result_new')).offersAccepted;
    expect(recent.result).toEqual({ message: 'Paused for you, Name of ret_result_new.', resumesOn: '2099-02-01' });
    // Done once: the next run finds nothing left to reduce.
    expect((await t.admin('POST', '/v1/admin/retention/run')).body.offerResultsMinimized).toBe(0);
  });

  it('blanks delivered webhook bodies after webhookBodyDays and keeps the delivery metadata', async () => {
    at = Date.now() - 8 * DAY;
    await cancelled('ret_hook_old');
    at = Date.now() - 6 * DAY;
    await cancelled('ret_hook_new');
    at = Date.now();
    const run = await t.admin('POST', '/v1/admin/retention/run');
    expect(run.body.webhookBodiesBlanked).toBeGreaterThan(0);
    const old = (await exportOf('ret_hook_old')).webhooks;
    expect(old.length).toBeGreaterThan(0);
    for (const w of old) {
      expect(w.body).toBeNull();
      expect(w.delivered_at).toEqual(expect.any(String));
      expect(w.type).toEqual(expect.any(String));
    }
    const recent = (await exportOf('ret_hook_new')).webhooks;
    expect(recent.length).toBe(old.length);
    for (const w of recent) expect(JSON.stringify(w.body)).toContain('ret_hook_new');
  });

  it('deletes audit rows after auditDays and keeps newer ones', async () => {
    at = Date.now() - 91 * DAY;
    await cancelled('ret_audit_old');
    at = Date.now() - 89 * DAY;
    await cancelled('ret_audit_new');
    at = Date.now();
    expect((await exportOf('ret_audit_old')).rejectedAttempts).toHaveLength(1);
    const run = await t.admin('POST', '/v1/admin/retention/run');
    expect(run.body.auditDeleted).toBeGreaterThanOrEqual(1);
    expect((await exportOf('ret_audit_old')).rejectedAttempts).toEqual([]);
    expect((await exportOf('ret_audit_new')).rejectedAttempts).toHaveLength(1);
  });

  it('erasure still removes every row of a subscriber whose data the retention job reduced', async () => {
    at = Date.now() - 40 * DAY;
    await cancelled('ret_erase');
    at = Date.now();
    await t.admin('POST', '/v1/admin/retention/run');
    const erased = await t.admin('DELETE', '/v1/admin/subscribers/ret_erase');
    expect(erased.status).toBe(200);
    expect(erased.body.deleted).toMatchObject({ sessions: 1, audit: 1 });
    expect(erased.body.deleted.webhook_outbox).toBeGreaterThan(0);
    const after = await exportOf('ret_erase');
    for (const key of ['sessions', 'webhooks', 'rejectedAttempts', 'cancellations'])
      expect(after[key], key).toEqual([]);
  });
});
