import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { event, openSession, startTestServer, type TestServer, token } from './helpers.ts';

/**
 * U+0000 in what a request carries: Postgres cannot store it, and these requests answered 500 there
 * (and passed on SQLite). Each backend now answers alike: free text is kept without it, an id or a
 * filter holding one is refused with a message that names it.
 */
describe.each(BACKENDS)('a NUL character in a request, on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  it('feedback text is stored without it, and the rest of the batch with it', async () => {
    const s = await openSession(t, { sub: 'cus_nul_feedback' });
    const written = event(s.sessionId, 'feedback_submitted', { stepId: 'feedback', text: 'too\u0000 slow' });
    const viewed = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
    const reply = await t.call('POST', '/v1/events', {
      events: [written, viewed],
      keys: { [s.sessionId]: s.sessionKey },
    });
    expect(reply.body).toEqual({ stored: [written.id, viewed.id], duplicates: [], rejected: [] });
    const feedback = await t.admin('GET', '/v1/admin/insights/feedback?siteId=acme&q=slow');
    expect(feedback.body.feedback.map((f: { text: string }) => f.text)).toEqual(['too slow']);
  });

  it('a token claim holding one is refused, naming the claim, by both the session and its preview', async () => {
    for (const path of ['/v1/sessions', '/v1/preview']) {
      for (const [claims, name] of [
        [{ sub: 'cus\u0000x' }, 'sub'],
        [{ attrs: { team: 'a\u0000' } }, 'attrs.team'],
      ] as const) {
        const reply = await t.call('POST', path, { token: await token(claims), locale: { browser: ['en'] } });
        expect(reply.status, `${path} ${name}`).toBe(422);
        expect(reply.body.error.message).toBe(`the token's "${name}" claim contains a NUL character (U+0000)`);
      }
    }
  });

  it("the admin API's filters and search refuse one with 400, naming the parameter", async () => {
    for (const name of ['q', 'plan', 'locale', 'reasonId']) {
      const reply = await t.admin('GET', `/v1/admin/insights/feedback?siteId=acme&${name}=a%00b`);
      expect(reply.status, name).toBe(400);
      expect(reply.body.error.message).toBe(`query parameter "${name}" contains a NUL character (U+0000)`);
    }
  });
});
