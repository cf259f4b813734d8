import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer, token } from './helpers.ts';

/**
 * A refused request says what is wrong and where. The wire bodies and token claims answered
 * "offerId: Invalid input" (zod/mini has no messages of its own), and the insights reports took
 * `from=2026-02-30` (read as 2 March) and `limit=1e3` as if they were what they look like.
 */
describe.each(BACKENDS)('what a refusal says, on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  it('a wire body names the field and the rule it broke', async () => {
    const s = await openSession(t, { sub: 'cus_messages' });
    const accept = (body: Record<string, unknown>) =>
      t.call('POST', `/v1/sessions/${s.sessionId}/accept`, { sessionKey: s.sessionKey, ...body });
    expect((await accept({ offerId: 'o'.repeat(65) })).body.error.message).toBe(
      'offerId: must be at most 64 characters long',
    );
    expect((await accept({ offerId: ['pause'] })).body.error.message).toBe('offerId: must be a string, not an array');
    expect((await accept({ offerId: 'pause', choice: { months: 2 ** 31 } })).body.error.message).toBe(
      'choice.months: must be at most 36, not the number 2147483648',
    );
    const start = await t.call('POST', '/v1/sessions', { token: 5 });
    expect(start.status).toBe(422);
    expect(start.body.error.message).toBe('token: must be a string, not the number 5');
  });

  it("a token's claims are refused naming the claim and the rule", async () => {
    const reply = await t.call('POST', '/v1/preview', { token: await token({ mrr: 1e308 }) });
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toBe(
      "the token's claims are invalid: mrr: must be at most 1000000000, not the number 1e+308",
    );
  });

  it('insights take only real days and whole numbers written as digits', async () => {
    for (const [query, message] of [
      ['from=2026-02-30', 'from must be an ISO date such as 2025-01-31 (got "2026-02-30")'],
      ['to=2026-04-31', 'to must be an ISO date such as 2025-01-31 (got "2026-04-31")'],
      ['limit=1e3', 'limit must be a whole number 1–1000 (got "1e3")'],
      ['limit=0x10', 'limit must be a whole number 1–1000 (got "0x10")'],
      ['offset=-0', 'offset must be a whole number 0–10000000 (got "-0")'],
    ]) {
      const reply = await t.admin('GET', `/v1/admin/insights/feedback?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.message).toBe(message);
    }
    const sessions = await t.admin('GET', '/v1/admin/insights/sessions?limit=2e1');
    expect(sessions.body.error.message).toBe('limit must be a whole number 0–1000 (got "2e1")');
    const leap = await t.admin('GET', '/v1/admin/insights/summary?from=2028-02-29&to=2028-02-29&format=csv');
    expect(leap.status).toBe(200);
  });
});
