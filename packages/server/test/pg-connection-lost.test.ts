import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { browserPost, send, tempDir, token } from './helpers.ts';
import { killServers, NET_ORIGIN as ORIGIN, spawnServer, writeProcessSites } from './process.ts';
import { until } from './receiver.ts';

afterEach(killServers);

/** The server's connections to `url`'s database (every one but the asking one's). */
async function serverConnections(url: string, terminate = false): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select ${terminate ? 'pg_terminate_backend(pid)' : 'pid'} from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return rows.length;
  } finally {
    await client.end();
  }
}

/**
 * Postgres restarting (or an operator, a failover, a proxy's idle timeout) ends the server's idle
 * connections: Postgres sends them a FATAL and closes them. pg's pool reports that as an `error`
 * event, which without a listener is an uncaught exception: the whole server process died with the
 * database's restart, and every subscriber's cancel with it until something restarted it.
 */
describe.skipIf(!TEST_PG)('the Postgres connections cut under a running server', () => {
  it('the server stays up and serves again from new connections', async () => {
    const temp = tempDir();
    const database = await createPgDatabase();
    try {
      const server = await spawnServer({
        CANCELFLOW_DB: database.url,
        CANCELFLOW_SITES: writeProcessSites(temp.path, mainFlow, 'http://127.0.0.1:9/unused'),
      });
      const post = browserPost(() => server.url, ORIGIN);
      // 0: no answer (the process died under the request).
      const startSession = async (sub: string) =>
        (await post('/v1/sessions', { token: await token({ sub }), locale: {} }).catch(() => ({ status: 0 }))).status;
      expect(await startSession('before_cut')).toBe(201);
      expect(await serverConnections(database.url)).toBeGreaterThan(0);

      // As a restart does: every server connection gets Postgres's FATAL and is closed.
      await serverConnections(database.url, true);
      await until(async () => (await serverConnections(database.url)) === 0, 30_000, 'the connections to end');

      // The pool opens new connections; a request on a connection it had not yet seen close may fail once.
      let status = 0;
      await until(
        async () => {
          status = await startSession(`after_cut_${Date.now()}`);
          return status === 201 || server.child.exitCode !== null || server.child.signalCode !== null;
        },
        30_000,
        'a session to start again',
      );
      expect(server.child.exitCode, server.stdout()).toBeNull();
      expect(status).toBe(201);
      expect((await send(`${server.url}/v1/health`, {})).status).toBe(200);
      expect(server.stdout()).toContain('the database connection was lost');
      expect(await server.stop()).toBe(0);
    } finally {
      killServers();
      await database.drop();
      temp.remove();
    }
  }, 120_000);
});
