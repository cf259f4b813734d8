import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { databaseUnavailable } from '../src/db/unavailable.ts';
import type { LogEntry } from '../src/http/log.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { ADMIN_KEY, type Reply, send, tempDir, token, writeSites } from './helpers.ts';
import { killServers, spawnServer } from './process.ts';
import { until } from './receiver.ts';
import { SlowBilling } from './slow-billing.ts';
import { TcpProxy } from './tcp-proxy.ts';

afterEach(killServers);

const ORIGIN = 'https://hooked.example';
const headers = { 'content-type': 'application/json', origin: ORIGIN };

/** 503 `unavailable` with a Retry-After: the database is away, the request may be sent again. */
function expectUnavailable(reply: Reply) {
  expect(reply.status, reply.text).toBe(503);
  expect(reply.body.error.code).toBe('unavailable');
  expect(reply.headers.get('retry-after')).toBe('1');
}

/**
 * A fresh test database reached through a loopback proxy (tcp-proxy.ts), which a test stops, stalls
 * and resumes, so that the shared test Postgres stays up for other files; and a folder for sites files.
 */
async function behindProxy() {
  const temp = tempDir();
  const database = await createPgDatabase();
  const target = new URL(database.url);
  const proxy = new TcpProxy(target.hostname, Number(target.port));
  await proxy.up();
  const url = new URL(database.url);
  url.port = String(proxy.port);
  return {
    temp,
    proxy,
    url: url.toString(),
    async down() {
      killServers();
      await proxy.down();
      await database.drop();
      temp.remove();
    },
  };
}

/**
 * Postgres going away under a running server (a restart, a failover, a network cut) and coming back
 * on the same address: the server answered every request meanwhile with 500 `internal` and an
 * "unhandled error" stack per request, as if it had a bug, where the truth is "the database is not
 * reachable, try again". It must answer 503 `unavailable` (with Retry-After), stay up, and serve again
 * from new connections once Postgres answers, with nothing restarted. The database is reached
 * through a loopback proxy (tcp-proxy.ts) so that the shared test Postgres stays up for other files.
 */
describe.skipIf(!TEST_PG)('Postgres away and back under a running server', () => {
  it('answers 503 meanwhile, idle or mid-decision, and serves again by itself; the decision is applied once', async () => {
    const { temp, proxy, url, down } = await behindProxy();
    const billing = new SlowBilling();
    await billing.up();
    billing.delayMs = () => 0;
    try {
      const server = await spawnServer({
        CANCELFLOW_DB: url,
        CANCELFLOW_SITES: writeSites(temp.path, { billingUrl: billing.url }),
        // The held cancel's claim is taken over by its retry once this has passed.
        CANCELFLOW_LEASE_MS: '1000',
      });
      const start = async (sub: string) =>
        send(`${server.url}/v1/sessions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ token: await token({ sub }, { site: 'hooked' }), locale: {} }),
        });
      const cancel = (s: { sessionId: string; sessionKey: string }) =>
        send(`${server.url}/v1/sessions/${s.sessionId}/cancel`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': `cancel-${s.sessionId}` },
          body: JSON.stringify({ sessionKey: s.sessionKey }),
        });
      const idle = (await start('cus_idle')).body;
      const held = (await start('cus_held')).body;

      // Mid-decision: billing has the cancel; the database goes away before its outcome is written.
      let release = () => {};
      billing.gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const answer = cancel(held);
      await until(() => billing.callsFor(held.sessionId).length === 1, 30_000, 'the billing call');
      await proxy.down();
      release();
      billing.gate = undefined;
      expectUnavailable(await answer);

      // While it is away, idle: every kind of request gets 503, none reaches billing.
      expectUnavailable(await start('cus_meanwhile'));
      expectUnavailable(await cancel(idle));
      expectUnavailable(
        await send(`${server.url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ events: [] }) }),
      );
      expectUnavailable(
        await send(`${server.url}/v1/admin/insights/summary`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } }),
      );
      expect((await send(`${server.url}/v1/health`, {})).status).toBe(503);
      expect(billing.callsFor(idle.sessionId)).toHaveLength(0);

      // Back on the same address: served again from new connections, by the same process.
      await proxy.up();
      await until(async () => (await send(`${server.url}/v1/health`, {})).status === 200, 30_000, 'health again');
      expect((await start('cus_after')).status).toBe(201);
      const idleReceipt = await cancel(idle);
      expect(idleReceipt.status, idleReceipt.text).toBe(200);
      // The held cancel's retry (the widget's, same key) gets its receipt; billing was told the same
      // thing again under the same idempotency key at most, never something else.
      let retry = await cancel(held);
      await until(
        async () => {
          if (retry.status !== 409) return true;
          retry = await cancel(held);
          return false;
        },
        90_000,
        'the held cancel to be finished',
      );
      expect(retry.status, retry.text).toBe(200);
      expect(new Set(billing.callsFor(held.sessionId).map((c) => `${c.type} ${c.idempotencyKey}`))).toEqual(
        new Set([`subscription.cancel cancel:${held.sessionId}`]),
      );
      expect(server.child.exitCode, server.stdout()).toBeNull();
      expect(server.stdout()).not.toContain('unhandled error');
      expect(await server.stop()).toBe(0);
    } finally {
      await Promise.all([down(), billing.down()]);
    }
  }, 180_000);

  it('a connection cut inside a transaction, between two queries, fails that transaction and nothing else', async () => {
    const { proxy, url, down } = await behindProxy();
    const lost: string[] = [];
    const db = await openDatabase(url, (msg) => lost.push(msg));
    try {
      // The connection is checked out of the pool and no query runs on it when it is cut: pg emits
      // the error on the client alone, which without a listener ended the whole process.
      const cut = db.kysely.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await proxy.down();
        await until(() => lost.length > 0, 30_000, 'the client to hear of the cut');
        await sql`select 1`.execute(trx);
      });
      const error = await cut.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(databaseUnavailable(error), String(error)).toBe(true);
      expect(lost).toContain('the database connection was lost');
      await proxy.up();
      await until(
        () =>
          sql`select 1`.execute(db.kysely).then(
            () => true,
            () => false,
          ),
        30_000,
        'a query to run again',
      );
    } finally {
      await db.close();
      await down();
    }
  }, 60_000);

  it('a database that takes connections and never answers: 503, not a request hanging; served again after', async () => {
    const { temp, proxy, url, down } = await behindProxy();
    try {
      const server = await spawnServer({
        CANCELFLOW_DB: url,
        CANCELFLOW_SITES: writeSites(temp.path, {}),
      });
      const start = async (sub: string) =>
        send(`${server.url}/v1/sessions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ token: await token({ sub }, { site: 'hooked' }), locale: {} }),
        });
      expect((await start('cus_before')).status).toBe(201);
      // Without a bound on the wait for a connection, this request never got an answer (pg waits for
      // Postgres's first message forever), and each one after it queued behind it in the pool.
      proxy.stall();
      // A request may first get a pooled connection the cut has ended (503 at once); the ones after
      // need a new connection, which the stalled database never gives.
      // pg says "Connection terminated due to connection timeout" for a new connection that did not
      // come up in time, "timeout exceeded when trying to connect" for a wait in the pool's queue.
      const timedOut = () =>
        server
          .stdout()
          .split('\n')
          .some((line) => line.includes('"msg":"the database is not available"') && /timeout/.test(line));
      await until(
        async () => {
          expectUnavailable(await start('cus_stalled'));
          return timedOut();
        },
        60_000,
        'a request to wait out the connection timeout',
      );
      proxy.resume();
      await until(async () => (await start(`cus_after_${Date.now()}`)).status === 201, 60_000, 'a session again');
      expect(server.child.exitCode, server.stdout()).toBeNull();
      expect(await server.stop()).toBe(0);
    } finally {
      await down();
    }
  }, 120_000);

  it('SIGTERM while the database takes connections and never answers: the server exits 0, the rollup pass gives up at once', async () => {
    const { temp, proxy, url, down } = await behindProxy();
    try {
      const server = await spawnServer({
        CANCELFLOW_DB: url,
        CANCELFLOW_SITES: writeSites(temp.path, {}),
      });
      proxy.stall();
      // A pass of the rollup fold has met the hung database (after the wait for a connection).
      await until(() => server.stdout().includes('"msg":"rollup fold failed"'), 60_000, 'a fold to fail');
      // Without a bound on the wait for a connection the process never exited: closing the pool
      // waited for connections that never came. With it, each of the fold's four rollups waited it
      // out in turn, and the shutdown waited for the pass: the pass now ends at the first.
      expect(await server.stop()).toBe(0);
      expect(server.stdout()).toContain('"msg":"closed"');
      const folds = server
        .stdout()
        .split('\n')
        .filter((line) => line.includes('"msg":"rollup fold failed"'))
        .map((line) => JSON.parse(line).rollup);
      expect(new Set(folds)).toEqual(new Set(['session_rollup']));
    } finally {
      await down();
    }
  }, 120_000);

  it('the database gone the moment the server says it listens: it goes on serving, start-up does not fail', async () => {
    const { temp, proxy, url, down } = await behindProxy();
    const lines: LogEntry[] = [];
    let running: RunningServer | undefined;
    try {
      running = await startServer({
        port: 0,
        db: url,
        sitesFile: writeSites(temp.path, {}),
        handleSignals: false,
        env: {},
        log: (line) => {
          lines.push(line);
          // Right after the migrations, before the check for flows published from the dashboard.
          if (line.msg === 'listening') void proxy.down();
        },
      });
      expect(lines.map((l) => l.msg)).toContain('could not check for flows published from the dashboard');
      await proxy.up();
      await until(async () => (await send(`${running?.url}/v1/health`, {})).status === 200, 30_000, 'health');
    } finally {
      await running?.close();
      await down();
    }
  }, 60_000);
});
