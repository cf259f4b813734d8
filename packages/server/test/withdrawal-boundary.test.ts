import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, token } from './helpers.ts';

// The EU withdrawal period counts in the subscriber's calendar days, and the server does not know
// their time zone: it counts in their favour across the EU's (UTC−4 to UTC+4), as core's
// withdrawalFor does, and takes a withdrawal on the last day wherever it is still that day.
describe('the withdrawal period on its last day', () => {
  let t: TestServer;
  let clock = new Date();
  beforeAll(async () => {
    t = await startTestServer({ now: () => clock });
  });
  afterAll(() => t?.close());

  /** Opens a session at `at` (the server's clock) and asks to withdraw in it. */
  async function withdrawAt(at: string, claims: Record<string, unknown>) {
    clock = new Date(at);
    // The token is signed now but must still be valid at the server's (later) clock.
    const expiresIn = Math.floor(clock.getTime() / 1000) + 600;
    const started = await t.call('POST', '/v1/sessions', {
      token: await token({ country: 'DE', periodEnd: '2099-12-31', ...claims }, { expiresIn, at: clock }),
      locale: { browser: ['de-DE'] },
    });
    expect(started.status).toBe(201);
    const { sessionId, sessionKey } = started.body;
    return t.call(
      'POST',
      `/v1/sessions/${sessionId}/cancel`,
      { sessionKey, withdraw: true },
      { 'idempotency-key': 'w' },
    );
  }

  it('takes a withdrawal on the last day in Berlin of a contract concluded there at 00:30 (22:30 UTC the day before)', async () => {
    const reply = await withdrawAt('2099-07-16T10:00:00+02:00', {
      sub: 'cus_berlin',
      since: '2099-07-02T00:30:00+02:00',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.withdrawal).toBe(true);
  });

  it('takes it while the last day lasts in the westernmost EU zone, and refuses it after', async () => {
    const inTime = await withdrawAt('2099-07-16T03:59:00Z', { sub: 'cus_west', since: '2099-07-01' });
    expect(inTime.status).toBe(200);
    const late = await withdrawAt('2099-07-16T04:00:00Z', { sub: 'cus_late', since: '2099-07-01' });
    expect(late.status).toBe(422);
  });

  it('refuses a withdrawal asked after the period ended in a dialog opened while it lasted, saying so, and cancels nothing', async () => {
    // The dialog opened at 03:50 UTC on the day after the last one, with "withdraw" on offer...
    clock = new Date('2099-07-16T03:50:00Z');
    const expiresIn = Math.floor(clock.getTime() / 1000) + 3600;
    const started = await t.call('POST', '/v1/sessions', {
      token: await token(
        { country: 'DE', periodEnd: '2099-12-31', sub: 'cus_open', since: '2099-07-01' },
        { expiresIn, at: clock },
      ),
      locale: { browser: ['de-DE'] },
    });
    expect(started.body.flow.withdrawal).toMatchObject({ until: '2099-07-15' });
    const { sessionId, sessionKey } = started.body;
    // ...and the subscriber clicks it at 04:01, when the period has ended everywhere in the EU.
    clock = new Date('2099-07-16T04:01:00Z');
    const late = await t.call(
      'POST',
      `/v1/sessions/${sessionId}/cancel`,
      { sessionKey, withdraw: true },
      { 'idempotency-key': 'late' },
    );
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({
      withdrawalEnded: '2099-07-15',
      message: 'the withdrawal period ended on 2099-07-15: nothing was cancelled; cancel instead',
    });
    // Nothing was decided: the subscriber can still cancel in the same session, on the cancel's terms.
    const cancel = await t.call('POST', `/v1/sessions/${sessionId}/cancel`, { sessionKey }, { 'idempotency-key': 'c' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.withdrawal).toBeUndefined();
  });
});
