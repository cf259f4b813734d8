import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, token } from './helpers.ts';
import { SlowBilling } from './slow-billing.ts';

const HOOKED = { origin: 'https://hooked.example' };

// A withdrawal asked for on the period's last day whose outcome billing left unknown (or whose answer
// was lost) is retried by the widget, perhaps after the period has ended. The retry finishes the
// withdrawal the server already claimed: answering "the period ended, nothing was cancelled" would be
// untrue (billing may have withdrawn, and the server finishes the claim on its own: cancel/stranded.ts).
describe('a withdrawal retried after its period ended', () => {
  const billing = new SlowBilling();
  let t: TestServer;
  let clock = new Date();
  beforeAll(async () => {
    await billing.up();
    billing.delayMs = () => 0;
    t = await startTestServer({ now: () => clock, billingUrl: billing.url });
  });
  afterAll(async () => {
    await t?.close();
    await billing.down();
  });

  /** A session of the `hooked` site (billing by webhook) opened at `at`, on the period's last day. */
  async function openAt(at: string, sub: string) {
    clock = new Date(at);
    const expiresIn = Math.floor(clock.getTime() / 1000) + 3600;
    const started = await t.call(
      'POST',
      '/v1/sessions',
      {
        token: await token(
          { country: 'DE', periodEnd: '2099-12-31', sub, since: '2099-07-01' },
          { site: 'hooked', expiresIn, at: clock },
        ),
        locale: { browser: ['de-DE'] },
      },
      HOOKED,
    );
    expect(started.status, started.text).toBe(201);
    expect(started.body.flow.withdrawal).toMatchObject({ until: '2099-07-15' });
    return started.body as { sessionId: string; sessionKey: string };
  }

  const withdraw = (s: { sessionId: string; sessionKey: string }, key: string) =>
    t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/cancel`,
      { sessionKey: s.sessionKey, withdraw: true },
      {
        ...HOOKED,
        'idempotency-key': key,
      },
    );

  it("billing's outcome unknown in time, the same withdrawal retried after the period: it is finished, not refused", async () => {
    const s = await openAt('2099-07-16T03:58:00Z', 'cus_w_unknown');
    billing.answer = () => ({ status: 503 });
    const first = await withdraw(s, `${s.sessionId}:cancel`);
    expect(first.status).toBe(502);
    expect(first.body.error.message).toMatch(/retry the same request/);
    // The widget retries, the same request with the same key, as the period ends everywhere in the EU.
    clock = new Date('2099-07-16T04:01:00Z');
    billing.answer = () => ({ status: 200, type: 'application/json', body: '{}' });
    const retry = await withdraw(s, `${s.sessionId}:cancel`);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body.withdrawal).toBe(true);
    // Billing was told the withdrawal twice under one key (applied once), and never a plain cancel.
    const calls = billing.callsFor(s.sessionId);
    expect(calls.map((c) => [c.idempotencyKey, c.data.withdrawal])).toEqual([
      [`cancel:${s.sessionId}`, true],
      [`cancel:${s.sessionId}`, true],
    ]);
  });

  it('a withdrawal applied in time, asked again after the period under another key: the same receipt', async () => {
    const s = await openAt('2099-07-16T03:58:00Z', 'cus_w_applied');
    billing.answer = () => ({ status: 200, type: 'application/json', body: '{}' });
    const first = await withdraw(s, 'tab-1');
    expect(first.status, first.text).toBe(200);
    clock = new Date('2099-07-16T04:01:00Z');
    // Another tab of the same session (or a replay whose stored answer is gone): no new key decides again.
    const again = await withdraw(s, 'tab-2');
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(billing.callsFor(s.sessionId)).toHaveLength(1);
  });

  it('still refuses a first withdrawal asked after the period, telling billing nothing', async () => {
    const s = await openAt('2099-07-16T03:58:00Z', 'cus_w_late');
    clock = new Date('2099-07-16T04:01:00Z');
    const late = await withdraw(s, 'late');
    expect(late.status).toBe(422);
    expect(billing.callsFor(s.sessionId)).toEqual([]);
  });
});
