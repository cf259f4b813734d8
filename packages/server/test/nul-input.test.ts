import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, event, openSession, send, startTestServer, type TestServer, token } from './helpers.ts';

/**
 * U+0000 in what a request carries: Postgres cannot store it, and these requests answered 500 there
 * (and passed on SQLite), later a bare 400 there while SQLite stored the value. Each backend now
 * answers alike: free text is kept without it, an id or a filter holding one is refused with a message
 * that names it.
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

  it('an id in the path holding one is refused with 400 on every route, before any database reads it', async () => {
    for (const [method, path] of [
      ['GET', '/v1/receipts/rcp_a%00b'],
      ['GET', '/v1/admin/subscribers/cus%00x/export'],
      ['DELETE', '/v1/admin/subscribers/cus%00x'],
    ]) {
      const reply = await t.admin(method as string, path as string);
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.message).toBe('the path contains a NUL character (U+0000, %00)');
    }
    const accept = await t.call('POST', '/v1/sessions/ses_a%00b/accept', { sessionKey: 'k', offerId: 'pause' });
    expect(accept.status).toBe(400);
  });

  it('an event whose id holds one is rejected alone; the rest of the batch is stored', async () => {
    const s = await openSession(t, { sub: 'cus_nul_event_id' });
    const bad = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' }, 'evt_nul\u0000');
    const fine = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
    const reply = await t.call('POST', '/v1/events', { events: [bad, fine], keys: { [s.sessionId]: s.sessionKey } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      stored: [fine.id],
      duplicates: [],
      rejected: [{ id: bad.id, code: 'invalid_event', message: 'id contains a NUL character (U+0000)' }],
    });
  });

  it('the billing status callback and a flow publish refuse one, naming the field', async () => {
    const post = (path: string, body: unknown) =>
      send(`${t.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const at = '2026-01-01T00:00:00Z';
    const callback = await post('/v1/billing/status', {
      id: 'chg\u0000',
      siteId: 'acme',
      subscriber: { sub: 'cus_1' },
      status: 'active',
      at,
    });
    expect(callback.status).toBe(422);
    expect(callback.body.error.message).toBe('id contains a NUL character (U+0000)');
    const source = JSON.stringify({ ...mainFlow, version: 9 });
    const publish = await post('/v1/admin/flows/acme/versions', { source, author: 'ann\u0000' });
    expect(publish.status).toBe(400);
    expect(publish.body.error.message).toBe('author contains a NUL character (U+0000)');
  });
});
