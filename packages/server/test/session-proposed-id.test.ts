import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS } from './backends.ts';
import { event, type Reply, startTestServer, type TestServer, token } from './helpers.ts';

// `POST /v1/sessions` with the id the widget proposed, so the widget can draw its first screen before
// the answer: stored under that id, safe to retry and to race, and never another subscriber's session.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  const proposed = () => `ses_${randomUUID()}`;
  const start = async (sessionId: unknown, sub: string, site: 'acme' | 'exp' = 'acme') =>
    t.call('POST', '/v1/sessions', { token: await token({ sub }, { site }), locale: { browser: ['de'] }, sessionId });

  async function rowsOf(sessionId: string): Promise<number> {
    const db = await openDatabase(t.dbFile);
    try {
      const rows = await db.kysely.selectFrom('sessions').select('id').where('id', '=', sessionId).execute();
      return rows.length;
    } finally {
      await db.close();
    }
  }

  async function sendEvent(reply: Reply): Promise<Reply> {
    const viewed = event(reply.body.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
    return t.call('POST', '/v1/events', { events: [viewed], keys: { [reply.body.sessionId]: reply.body.sessionKey } });
  }

  it('stores the session under the proposed id and answers 201 with a key its events are accepted with', async () => {
    const id = proposed();
    const reply = await start(id, 'cus_proposed');
    expect(reply.status).toBe(201);
    expect(reply.body.sessionId).toBe(id);
    expect(reply.body.subscriber.sub).toBe('cus_proposed');
    expect(reply.body.locale).toBe('de');
    expect(await rowsOf(id)).toBe(1);
    const events = await sendEvent(reply);
    expect(events.body.stored).toHaveLength(1);
  });

  it("accepts the widget's fallback id (base36 parts joined by dashes)", async () => {
    const id = `ses_${Date.now().toString(36)}-${'k3j5h2g7f1'}-${(42).toString(36)}`;
    const reply = await start(id, 'cus_fallback');
    expect(reply.status).toBe(201);
    expect(reply.body.sessionId).toBe(id);
  });

  /** A session's answer without `now` (the server's time as it answered). */
  const session = ({ now, ...rest }: { now?: string }) => {
    expect(Date.parse(now ?? '')).not.toBeNaN();
    return rest;
  };

  it('answers the same session again, with status 200, when the same start is posted twice', async () => {
    const id = proposed();
    const first = await start(id, 'cus_twice');
    const again = await start(id, 'cus_twice');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    // The same session; `now` is the server's time as each answered.
    expect(session(again.body)).toEqual(session(first.body));
    expect(await rowsOf(id)).toBe(1);
    expect((await sendEvent(again)).body.stored).toHaveLength(1);
  });

  it('stores one session for two identical starts in flight at once, and answers both the same', async () => {
    for (let round = 0; round < 5; round++) {
      const id = proposed();
      const jwt = await token({ sub: `cus_race_${round}` });
      const post = () => t.call('POST', '/v1/sessions', { token: jwt, locale: { browser: ['de'] }, sessionId: id });
      const [a, b] = await Promise.all([post(), post()]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(session(a.body)).toEqual(session(b.body));
      expect(await rowsOf(id)).toBe(1);
    }
  });

  it("answers 409 session_exists for another subscriber's or another site's session id, and tells nothing of it", async () => {
    const id = proposed();
    const mine = await start(id, 'cus_owner');
    expect(mine.status).toBe(201);
    for (const other of [await start(id, 'cus_intruder'), await start(id, 'cus_owner', 'exp')]) {
      expect(other.status).toBe(409);
      expect(other.body).toEqual({
        error: { code: 'session_exists', message: 'the proposed session id is taken; propose another' },
      });
      expect(other.text).not.toContain('cus_owner');
    }
    const db = await openDatabase(t.dbFile);
    try {
      const audit = await db.kysely
        .selectFrom('audit')
        .select(['route', 'code', 'subscriber_id'])
        .where('session_id', '=', id)
        .execute();
      expect(audit).toEqual(
        expect.arrayContaining([{ route: 'POST /v1/sessions', code: 'session_exists', subscriber_id: 'cus_intruder' }]),
      );
    } finally {
      await db.close();
    }
    expect(await rowsOf(id)).toBe(1);
  });

  it("answers 409 for the subscriber's own session of another subscription: a token for one cannot act on the other", async () => {
    const id = proposed();
    const startFor = async (sid: string | undefined) =>
      t.call('POST', '/v1/sessions', {
        token: await token({ sub: 'cus_two_subs', ...(sid ? { sid } : {}) }),
        locale: { browser: ['de'] },
        sessionId: id,
      });
    const first = await startFor('sub_one');
    expect(first.status).toBe(201);
    // The same subscriber's token for their other subscription (or for none) replayed with that id:
    // answered with the stored session, it handed out the key that cancels sub_one.
    for (const other of [await startFor('sub_two'), await startFor(undefined)]) {
      expect(other.status, other.text).toBe(409);
      expect(other.body.error.code).toBe('session_exists');
      expect(other.text).not.toContain('sub_one');
    }
    // The same subscription again is the same session, as before.
    const again = await startFor('sub_one');
    expect(again.status).toBe(200);
    expect(again.body.sessionKey).toBe(first.body.sessionKey);
  });

  it('refuses a malformed proposed id with 422 naming the field', async () => {
    for (const bad of [
      'abc',
      'ses_short',
      `ses_${'a'.repeat(65)}`,
      `sess_${randomUUID()}`,
      `ses_${randomUUID()}!`,
      7,
    ]) {
      const reply = await start(bad, 'cus_malformed');
      expect(reply.status, String(bad)).toBe(422);
      expect(reply.body.error.code).toBe('unprocessable');
      expect(reply.body.error.message).toMatch(/^sessionId:/);
    }
  });

  it('keeps the Idempotency-Key path: a replay with a key answers the first answer, a proposed id included', async () => {
    const id = proposed();
    const body = { token: await token({ sub: 'cus_keyed' }), locale: {}, sessionId: id };
    const first = await t.call('POST', '/v1/sessions', body, { 'idempotency-key': `keyed-${id}` });
    const again = await t.call('POST', '/v1/sessions', body, { 'idempotency-key': `keyed-${id}` });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await rowsOf(id)).toBe(1);
  });

  it('counts one session in the insights summary for a proposed id posted twice', async () => {
    const summary = async () => (await t.admin('GET', '/v1/admin/insights/summary?siteId=acme')).body.sessions;
    const before = await summary();
    const id = proposed();
    expect((await start(id, 'cus_counted')).status).toBe(201);
    expect((await start(id, 'cus_counted')).status).toBe(200);
    expect(await summary()).toBe(before + 1);
  });
});
