import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, event, openSession, send, startTestServer, type TestServer, token } from './helpers.ts';

/**
 * An unpaired UTF-16 surrogate (`"\ud800"` in JSON) is not a character and has no UTF-8 form: both
 * databases' drivers stored U+FFFD in its place, so what was stored was not what had been checked.
 * An event whose id held one was stored under another id and answered as a duplicate; two claims or
 * callback ids differing only there became one. Ids are now refused naming the field, free text keeps
 * U+FFFD, on both backends alike.
 */
const LONE = '\ud800';

describe.each(BACKENDS)('an unpaired surrogate in a request, on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());
  const admin = (method: string, path: string, body: unknown) =>
    send(`${t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('an event whose id holds one is rejected, not stored under another id and called a duplicate', async () => {
    const s = await openSession(t, { sub: 'cus_lone_events' });
    const lone = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' }, `evt_lone_${LONE}`);
    // Free text is kept, with U+FFFD where the surrogate stood (a widget cutting text inside an emoji).
    const written = event(s.sessionId, 'feedback_submitted', { stepId: 'feedback', text: `cut emoji ${LONE}` });
    const reply = await t.call('POST', '/v1/events', {
      events: [lone, written],
      keys: { [s.sessionId]: s.sessionKey },
    });
    expect(reply.body).toEqual({
      stored: [written.id],
      duplicates: [],
      rejected: [
        {
          id: lone.id,
          code: 'invalid_event',
          message: 'id contains an unpaired UTF-16 surrogate (U+D800), which is not a character',
        },
      ],
    });
    const feedback = await t.admin('GET', '/v1/admin/insights/feedback?siteId=acme&q=emoji');
    expect(feedback.body.feedback.map((f: { text: string }) => f.text)).toEqual(['cut emoji \ufffd']);
  });

  it('a token claim holding one is refused, naming the claim', async () => {
    for (const [claims, name] of [
      [{ sub: `cus_${LONE}` }, 'sub'],
      [{ attrs: { [`team${LONE}`]: 'a' } }, `attrs.team${LONE}`],
    ] as const) {
      const reply = await t.call('POST', '/v1/sessions', { token: await token(claims), locale: { browser: ['en'] } });
      expect(reply.status, name).toBe(422);
      expect(reply.body.error.message).toBe(
        `the token's "${name}" claim contains an unpaired UTF-16 surrogate (U+D800), which is not a character`,
      );
    }
  });

  it('the billing status callback refuses one in an id, naming the field', async () => {
    const body = { id: 'chg_lone', siteId: 'acme', subscriber: { sub: 'cus_1', sid: `sub_${LONE}` } };
    const reply = await admin('POST', '/v1/billing/status', { ...body, status: 'active', at: '2026-01-01T00:00:00Z' });
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toBe(
      'subscriber.sid contains an unpaired UTF-16 surrogate (U+D800), which is not a character',
    );
  });

  it('a flow publish refuses one in its source or note, naming the field, and stores nothing', async () => {
    // In the source's own text (JSON.stringify would write the escape `\ud800`, six ASCII characters).
    const source = JSON.stringify({ ...mainFlow, version: 7 }).replace('Too expensive', `Too expensive ${LONE}`);
    const inSource = await admin('POST', '/v1/admin/flows/acme/versions', { source });
    expect(inSource.status).toBe(400);
    expect(inSource.body.error.message).toBe(
      'source contains an unpaired UTF-16 surrogate (U+D800), which is not a character',
    );
    const inNote = await admin('POST', '/v1/admin/flows/acme/versions', {
      source: JSON.stringify({ ...mainFlow, version: 7 }),
      note: `fix ${LONE}`,
    });
    expect(inNote.status).toBe(400);
    expect(inNote.body.error.message).toBe(
      'note contains an unpaired UTF-16 surrogate (U+D800), which is not a character',
    );
    expect((await t.admin('GET', '/v1/admin/flows/acme/versions')).body.versions).toEqual([]);
  });
});
