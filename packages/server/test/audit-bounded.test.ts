import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NAMED_PER_MINUTE } from '../src/audit.ts';
import { openDatabase } from '../src/index.ts';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';

// Each refusal of a request nothing verified was a row kept a year: a botnet sending garbage tokens
// or random session ids grew `audit` as fast as the per-IP limit let each of its addresses.
describe.each(BACKENDS)('audit rows of unverified refusals (%s)', (backend) => {
  let t: TestServer;
  // The server's clock stands on minutes near the real time (the tokens are signed by the real clock).
  const base = Math.floor(Date.now() / 60_000) * 60_000;
  const minute = (n: number) => new Date(base + n * 60_000).toISOString();
  let clock = new Date(base + 10_000);
  beforeAll(async () => {
    t = await startTestServer({ backend, now: () => clock });
  });
  afterAll(() => t?.close());

  async function rows(route: string) {
    const db = await openDatabase(t.dbFile);
    try {
      return await db.kysely
        .selectFrom('audit')
        .select(['at', 'session_id', 'detail', 'status', 'count'])
        .where('route', '=', route)
        .orderBy('session_id')
        .execute();
    } finally {
      await db.close();
    }
  }
  const start = (token: string) => t.call('POST', '/v1/sessions', { token, locale: { browser: ['en-US'] } });

  it('are one row a minute per route and answer, counting the attempts, many at once included', async () => {
    const garbage = Array.from({ length: 40 }, (_, i) => (i % 2 ? `not-a-jwt-${i}` : `${'x'.repeat(i + 1)}.e30.sig`));
    for (const token of garbage.slice(0, 10)) expect((await start(token)).status).toBe(401);
    const together = await Promise.all(garbage.slice(10).map(start));
    expect(together.map((reply) => reply.status)).toEqual(Array(30).fill(401));
    expect(await rows('POST /v1/sessions')).toEqual([
      { at: minute(0), session_id: null, detail: null, status: 401, count: 40 },
    ]);

    clock = new Date(base + 90_000);
    expect((await start('still-not-a-jwt')).status).toBe(401);
    expect((await rows('POST /v1/sessions')).map((row) => [row.at, row.count])).toEqual([
      [minute(0), 40],
      [minute(1), 1],
    ]);
  });

  it(`keep at most ${MAX_NAMED_PER_MINUTE} session ids a minute; the rest are counted without theirs`, async () => {
    clock = new Date(minute(2));
    const route = 'POST /v1/sessions/:id/cancel';
    const probe = (n: number) =>
      t.call('POST', `/v1/sessions/ses_probe_${String(n).padStart(3, '0')}/cancel`, { sessionKey: 'k' });
    for (let n = 0; n < 100; n++) expect((await probe(n)).status).toBe(401);
    // The first id again, in the same minute: its own row counts it.
    expect((await probe(0)).status).toBe(401);
    const found = await rows(route);
    const named = found.filter((row) => row.session_id !== null);
    expect(named).toHaveLength(MAX_NAMED_PER_MINUTE);
    expect(named[0]).toMatchObject({ session_id: 'ses_probe_000', count: 2 });
    expect(found.filter((row) => row.session_id === null)).toEqual([
      { at: minute(2), session_id: null, detail: null, status: 401, count: 100 - MAX_NAMED_PER_MINUTE },
    ]);
    expect(found.reduce((sum, row) => sum + row.count, 0)).toBe(101);
  });

  it("count a status callback's failed signature under the site its body names (anyone can name one)", async () => {
    clock = new Date(minute(3));
    for (let i = 0; i < 5; i++) {
      const reply = await t.call(
        'POST',
        '/v1/billing/status',
        { siteId: 'hooked', id: `chg_${i}`, subscriber: { sub: 'cus_x' }, status: 'cancelled' },
        { 'cancelflow-signature': `t=${Math.floor(clock.getTime() / 1000)},v1=${'0'.repeat(64)}` },
      );
      expect(reply.status).toBe(401);
    }
    const db = await openDatabase(t.dbFile);
    try {
      const found = await db.kysely
        .selectFrom('audit')
        .select(['site_id', 'detail', 'count'])
        .where('route', '=', '/v1/billing/status')
        .execute();
      expect(found).toEqual([{ site_id: 'hooked', detail: 'status_signature', count: 5 }]);
    } finally {
      await db.close();
    }
  });

  it('a refusal of a verified session is still a row of its own, with its ids', async () => {
    clock = new Date(minute(4));
    const s = await openSession(t, { sub: 'cus_audit_verified' });
    for (let i = 0; i < 2; i++) {
      const reply = await t.call('POST', `/v1/sessions/${s.sessionId}/accept`, {
        sessionKey: s.sessionKey,
        offerId: 'forged_offer',
      });
      expect(reply.status).toBe(403);
    }
    const found = (await rows('POST /v1/sessions/:id/accept')).filter((row) => row.session_id === s.sessionId);
    expect(found.map((row) => row.count)).toEqual([1, 1]);
  });
});
