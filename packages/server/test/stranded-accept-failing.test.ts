import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPT_TRIES } from '../src/cancel/stranded.ts';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, type Backend, createPgDatabase } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { browserPost, tempDir, token } from './helpers.ts';
import { killServers, NET_ORIGIN as ORIGIN, type ServerProcess, spawnServer, writeProcessSites } from './process.ts';
import { until } from './receiver.ts';
import { type BillingCall, SlowBilling } from './slow-billing.ts';

afterEach(killServers);

const PAUSE = { offerId: 'pause', reasonId: 'not_using', choice: { months: 2 } };
const UNKNOWN = { status: 503, body: 'down' };
const OK = { status: 200, type: 'application/json', body: '{}' };

interface World {
  server: ServerProcess;
  billing: SlowBilling;
  dbUrl: string;
  post: ReturnType<typeof browserPost>;
  /** Starts a session of `sub` and posts the pause's accept, which billing answers "unknown" (502). */
  acceptUnknown: (sub: string) => Promise<{ sessionId: string; sessionKey: string }>;
  /** Moves the server's clock forward to `iso` (test/shifted-clock.ts); it never goes back. */
  moveTo: (iso: string) => void;
  /** Moves the server's clock `ms` further forward. */
  moveBy: (ms: number) => void;
  decision: (sessionId: string) => Promise<{ state: string; resume_attempts: number } | undefined>;
  count: (table: 'offers_accepted' | 'cancellations', sessionId: string) => Promise<number>;
}

/**
 * Accepts whose outcome billing left unknown (502, the claim kept), which the server then tries to
 * finish itself (cancel/stranded.ts) while billing keeps failing, refuses, or the subscriber cancels.
 */
async function world(backend: Backend, leaseMs: number, run: (w: World) => Promise<void>): Promise<void> {
  const temp = tempDir();
  const billing = new SlowBilling();
  billing.delayMs = () => 0;
  billing.answer = () => UNKNOWN;
  await billing.up();
  const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
  try {
    const clockFile = join(temp.path, 'clock');
    writeFileSync(clockFile, '0');
    const dbUrl = pg?.url ?? join(temp.path, 'accept.sqlite');
    const server = await spawnServer({
      CANCELFLOW_DB: dbUrl,
      CANCELFLOW_SITES: writeProcessSites(temp.path, mainFlow, billing.url),
      CANCELFLOW_LEASE_MS: String(leaseMs),
      CANCELFLOW_TEST_CLOCK_FILE: clockFile,
      NODE_OPTIONS: `--import=${new URL('./shifted-clock.ts', import.meta.url).href}`,
    });
    const post = browserPost(() => server.url, ORIGIN);
    let offset = 0;
    const db = await openDatabase(dbUrl);
    try {
      await run({
        server,
        billing,
        dbUrl,
        post,
        async acceptUnknown(sub) {
          const started = await post('/v1/sessions', {
            // Signed at the server's clock, which the test moves ahead.
            token: await token({ sub, sid: `sub_${sub}` }, { at: new Date(Date.now() + offset) }),
            locale: {},
          });
          expect(started.status).toBe(201);
          const s = started.body as { sessionId: string; sessionKey: string };
          const accept = await post(`/v1/sessions/${s.sessionId}/accept`, { sessionKey: s.sessionKey, ...PAUSE }, 'k1');
          expect(accept.status).toBe(502);
          return s;
        },
        moveTo(iso) {
          offset = Math.max(offset, Date.parse(iso) - Date.now() + 1);
          writeFileSync(clockFile, String(offset));
        },
        moveBy(ms) {
          offset += ms;
          writeFileSync(clockFile, String(offset));
        },
        async decision(sessionId) {
          const row = await db.kysely
            .selectFrom('session_decisions')
            .select(['state', 'resume_attempts'])
            .where('session_id', '=', sessionId)
            .where('stage', '=', 'before_cancel')
            .executeTakeFirst();
          return row && { state: row.state, resume_attempts: Number(row.resume_attempts) };
        },
        async count(table, sessionId) {
          const rows = await db.kysely
            .selectFrom(table)
            .select('session_id')
            .where('session_id', '=', sessionId)
            .execute();
          return rows.length;
        },
      });
      expect(await server.stop()).toBe(0);
    } finally {
      await db.close();
    }
  } finally {
    killServers();
    await pg?.drop();
    await billing.down();
    temp.remove();
  }
}

/** The server's log lines about `session` with `msg` containing `text`. */
const logged = (server: ServerProcess, session: string, text: string) =>
  server
    .stdout()
    .split('\n')
    .filter((line) => line.includes(session) && line.includes(text))
    .map((line) => JSON.parse(line) as { level: string; msg: string; attempt?: number; nextTryAt?: string });

const keys = (calls: BillingCall[]) => new Set(calls.map((c) => `${c.type} ${c.idempotencyKey}`));

describe.each(BACKENDS)('an unfinished accept the server cannot finish (%s)', (backend: Backend) => {
  it(`billing keeps failing: tried with a doubling wait, given up after ${ACCEPT_TRIES} tries; the claim stays for the subscriber's retry`, async () => {
    await world(backend, 1000, async ({ server, billing, post, acceptUnknown, moveTo, moveBy, decision, count }) => {
      const stuck = await acceptUnknown('stuck');
      const tries = () => logged(server, stuck.sessionId, 'accept not finished yet');
      for (let attempt = 1; attempt < ACCEPT_TRIES; attempt++) {
        await until(() => tries().length >= attempt, 30_000, `try ${attempt}`);
        const line = tries()[attempt - 1];
        expect([line?.level, line?.attempt]).toEqual(['warn', attempt]);
        moveTo(line?.nextTryAt as string);
      }
      await until(() => logged(server, stuck.sessionId, 'accept given up').length === 1, 30_000, 'the last try');
      const last = logged(server, stuck.sessionId, 'accept given up')[0];
      expect([last?.level, last?.attempt]).toEqual(['error', ACCEPT_TRIES]);

      // Not tried again: two hours later a pass runs (a second stuck accept's first try shows it) and leaves it.
      moveBy(7_200_000);
      const other = await acceptUnknown('other');
      await until(() => logged(server, other.sessionId, 'accept not finished yet').length >= 1, 30_000, 'a pass');
      // The subscriber's click and one call per try of the server's, all under the one key.
      expect(billing.callsFor(stuck.sessionId)).toHaveLength(1 + ACCEPT_TRIES);
      expect(keys(billing.callsFor(stuck.sessionId))).toEqual(new Set([`offer.apply accept:${stuck.sessionId}`]));
      // Billing may have applied it: the claim stays, so no other offer is taken on top of it…
      expect(await decision(stuck.sessionId)).toEqual({ state: 'applying', resume_attempts: ACCEPT_TRIES });
      // …and the subscriber's retry of the same click still finishes it.
      billing.answer = () => OK;
      const retry = await post(
        `/v1/sessions/${stuck.sessionId}/accept`,
        { sessionKey: stuck.sessionKey, ...PAUSE },
        'k1',
      );
      expect([retry.status, retry.body]).toEqual([200, { offerId: 'pause', applied: true }]);
      expect(await count('offers_accepted', stuck.sessionId)).toBe(1);
    });
  }, 240_000);

  it('billing refuses the server’s try: nothing recorded, the claim dropped, the session open for a cancel', async () => {
    await world(backend, 300, async ({ server, billing, post, acceptUnknown, decision, count }) => {
      const s = await acceptUnknown('refused');
      billing.answer = (call) => (call.type === 'offer.apply' ? { status: 400, body: 'no' } : OK);
      await until(
        () => logged(server, s.sessionId, 'unfinished accept refused by billing').length === 1,
        60_000,
        'the refusal',
      );
      expect(await decision(s.sessionId)).toBeUndefined();
      expect(await count('offers_accepted', s.sessionId)).toBe(0);
      expect(keys(billing.callsFor(s.sessionId))).toEqual(new Set([`offer.apply accept:${s.sessionId}`]));
      // Open again: a cancel now is the session's one decision (no cancel after a save).
      const cancel = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(cancel.status).toBe(200);
      expect(await count('cancellations', s.sessionId)).toBe(1);
      expect(await count('offers_accepted', s.sessionId)).toBe(0);
    });
  }, 180_000);

  it('the subscriber cancels instead: the cancel stands, the accept is given up and never told to billing after it', async () => {
    await world(backend, 300, async ({ server, billing, post, acceptUnknown, decision, count }) => {
      const s = await acceptUnknown('cancelled');
      billing.answer = (call) => (call.type === 'offer.apply' ? UNKNOWN : OK);
      // The server may be trying the accept (409 `in_progress`), as the widget polls.
      let cancel = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      await until(
        async () => {
          if (cancel.status !== 409) return true;
          expect(cancel.body.error.code).toBe('in_progress');
          cancel = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
          return false;
        },
        60_000,
        'the cancel',
      );
      expect(cancel.status).toBe(200);
      await until(
        () =>
          logged(server, s.sessionId, 'unfinished accept given up: the subscription was cancelled since').length === 1,
        60_000,
        'the accept to be given up',
      );
      const calls = billing.callsFor(s.sessionId).map((c) => c.type);
      expect(calls.slice(calls.indexOf('subscription.cancel'))).toEqual(['subscription.cancel']);
      expect(await decision(s.sessionId)).toEqual({ state: 'applying', resume_attempts: ACCEPT_TRIES });
      expect([await count('cancellations', s.sessionId), await count('offers_accepted', s.sessionId)]).toEqual([1, 0]);
    });
  }, 180_000);
});
