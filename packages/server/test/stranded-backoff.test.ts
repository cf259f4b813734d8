import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RESUME_WAIT_MS } from '../src/cancel/stranded.ts';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, type Backend, createPgDatabase } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { browserPost, tempDir, token } from './helpers.ts';
import { killServers, NET_ORIGIN as ORIGIN, type ServerProcess, spawnServer, writeProcessSites } from './process.ts';
import { until } from './receiver.ts';
import { SlowBilling } from './slow-billing.ts';

afterEach(killServers);

const LEASE_MS = 1000;

interface TryLine {
  readonly session: string;
  readonly attempt: number;
  readonly waitMs: number;
  readonly nextTryAt: string;
  readonly level: string;
}

/** The server's warnings about its own tries of a cancel billing failed, in the order logged. */
const tries = (server: ServerProcess, session: string): TryLine[] =>
  server
    .stdout()
    .split('\n')
    .filter((line) => line.includes('"attempt"') && line.includes(session))
    .map((line) => JSON.parse(line) as TryLine);

/**
 * A cancel whose outcome billing keeps answering "unknown" (503): the server tries it again with a
 * wait that doubles from the lease period up to an hour, with one warning per try naming the session
 * and the try, and never stops. The spawned process's clock is moved forward (test/shifted-clock.ts)
 * to each announced next try, so an hour's wait takes a pass period of real time.
 */
describe.each(BACKENDS)('a cancel billing keeps failing (%s)', (backend: Backend) => {
  it('is tried again with a doubling wait up to an hour, one warning per try, never given up', async () => {
    const temp = tempDir();
    const billing = new SlowBilling();
    billing.delayMs = () => 0;
    billing.answer = () => ({ status: 503, body: 'down' });
    await billing.up();
    const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
    try {
      const sitesFile = writeProcessSites(temp.path, mainFlow, billing.url);
      const clockFile = join(temp.path, 'clock');
      writeFileSync(clockFile, '0');
      const dbUrl = pg?.url ?? join(temp.path, 'backoff.sqlite');
      const server = await spawnServer({
        CANCELFLOW_DB: dbUrl,
        CANCELFLOW_SITES: sitesFile,
        CANCELFLOW_LEASE_MS: String(LEASE_MS),
        CANCELFLOW_TEST_CLOCK_FILE: clockFile,
        NODE_OPTIONS: `--import=${new URL('./shifted-clock.ts', import.meta.url).href}`,
      });
      const post = browserPost(() => server.url, ORIGIN);
      const start = async (sub: string) => {
        const started = await post('/v1/sessions', {
          token: await token({ sub, sid: `sub_${sub}` }, { at: new Date(Date.now() + offset) }),
          locale: {},
        });
        expect(started.status).toBe(201);
        const { sessionId, sessionKey } = started.body as { sessionId: string; sessionKey: string };
        const cancel = await post(`/v1/sessions/${sessionId}/cancel`, { sessionKey });
        expect(cancel.status).toBe(502); // unknown outcome: the claim stays for a retry of the same cancel
        return sessionId;
      };
      // The spawned server's clock runs `offset` ms ahead; it only ever moves forward.
      let offset = 0;
      const moveTo = (iso: string) => {
        offset = Math.max(offset, Date.parse(iso) - Date.now() + 1);
        writeFileSync(clockFile, String(offset));
      };

      const stuck = await start('stuck');
      // After tries 1–14: the lease period doubled each time (1 s … 2048 s), then the hour, and the hour again.
      const expected = [
        1000,
        2000,
        4000,
        8000,
        16_000,
        32_000,
        64_000,
        128_000,
        256_000,
        512_000,
        1_024_000,
        2_048_000,
        MAX_RESUME_WAIT_MS,
        MAX_RESUME_WAIT_MS,
      ];
      for (let attempt = 1; attempt <= expected.length; attempt++) {
        await until(() => tries(server, stuck).length >= attempt, 30_000, `try ${attempt}`);
        const line = tries(server, stuck)[attempt - 1] as TryLine;
        expect([line.level, line.attempt]).toEqual(['warn', attempt]);
        if (attempt < expected.length) moveTo(line.nextTryAt);
      }
      expect(tries(server, stuck).map((line) => line.waitMs)).toEqual(expected);

      // Not before its time: half an hour short of the 14th try's next one, a pass runs (a second stuck
      // cancel's first try shows it) and leaves the first alone.
      const last = tries(server, stuck)[13] as TryLine;
      moveTo(new Date(Date.parse(last.nextTryAt) - 1_800_000).toISOString());
      const other = await start('other');
      await until(() => tries(server, other).length >= 1, 30_000, "the second cancel's first try");
      expect(tries(server, stuck)).toHaveLength(14);
      // One billing call per try, beside the subscriber's own: none early, none unlogged.
      expect(billing.callsFor(stuck)).toHaveLength(15);
      expect(new Set(billing.callsFor(stuck).map((c) => c.idempotencyKey))).toEqual(new Set([`cancel:${stuck}`]));
      // And then it is tried again: the subscriber asked to cancel.
      moveTo(last.nextTryAt);
      await until(() => tries(server, stuck).length >= 15, 30_000, 'try 15');
      const db = await openDatabase(dbUrl);
      try {
        const row = await db.kysely
          .selectFrom('session_decisions')
          .select(['state', 'resume_attempts'])
          .where('session_id', '=', stuck)
          .executeTakeFirstOrThrow();
        expect([row.state, Number(row.resume_attempts)]).toEqual(['applying', 15]);
      } finally {
        await db.close();
      }
      expect(await server.stop()).toBe(0);
    } finally {
      killServers();
      await pg?.drop();
      await billing.down();
      temp.remove();
    }
  }, 240_000);
});
