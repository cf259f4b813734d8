import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, token } from './helpers.ts';
import { SlowBilling } from './slow-billing.ts';

const HOOKED = { origin: 'https://hooked.example' };
const DAY_MS = 24 * 60 * 60 * 1000;

// A session's offers may be taken for 24 hours after it started. An accept asked for in time whose
// outcome billing left unknown (502 "retry the same request") is retried by the widget, perhaps just
// after that: the retry must finish the accept billing may have applied, not refuse it as expired.
describe('an accept retried after its session’s offers expired', () => {
  const billing = new SlowBilling();
  let t: TestServer;
  let clock = new Date('2099-03-01T10:00:00Z');
  beforeAll(async () => {
    await billing.up();
    billing.delayMs = () => 0;
    t = await startTestServer({ now: () => clock, billingUrl: billing.url });
  });
  afterAll(async () => {
    await t?.close();
    await billing.down();
  });

  async function openAt(at: Date, sub: string) {
    clock = at;
    const expiresIn = Math.floor(clock.getTime() / 1000) + 3600;
    const started = await t.call(
      'POST',
      '/v1/sessions',
      { token: await token({ sub }, { site: 'hooked', expiresIn, at: clock }), locale: { browser: ['en-US'] } },
      HOOKED,
    );
    expect(started.status, started.text).toBe(201);
    return started.body as { sessionId: string; sessionKey: string };
  }

  const accept = (s: { sessionId: string; sessionKey: string }, key: string) =>
    t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/accept`,
      { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
      { ...HOOKED, 'idempotency-key': key },
    );

  it('billing’s outcome unknown a minute before the offers expire; the same accept retried after: it is finished', async () => {
    const start = new Date('2099-03-01T10:00:00Z');
    const s = await openAt(start, 'cus_late_accept');
    clock = new Date(start.getTime() + DAY_MS - 60_000);
    billing.answer = () => ({ status: 503 });
    const first = await accept(s, 'k');
    expect(first.status).toBe(502);
    expect(first.body.error.message).toMatch(/retry the same request/);
    clock = new Date(start.getTime() + DAY_MS + 1_000);
    billing.answer = () => ({ status: 200, type: 'application/json', body: '{}' });
    const retry = await accept(s, 'k');
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body).toMatchObject({ offerId: 'discount_30', applied: true });
    expect(billing.callsFor(s.sessionId).map((c) => c.idempotencyKey)).toEqual([
      `accept:${s.sessionId}`,
      `accept:${s.sessionId}`,
    ]);
  });

  it('still refuses a first accept after the offers expired, telling billing nothing', async () => {
    const start = new Date('2099-03-05T10:00:00Z');
    const s = await openAt(start, 'cus_late_first');
    clock = new Date(start.getTime() + DAY_MS + 1_000);
    const late = await accept(s, 'k');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/offers have expired/);
    expect(billing.callsFor(s.sessionId)).toEqual([]);
  });
});
