import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { mainFlow } from './fixtures/flows.ts';
import { send, tempDir } from './helpers.ts';
import { killServers, spawnServer, writeProcessSites } from './process.ts';
import { until } from './receiver.ts';

afterEach(killServers);

/**
 * SQLite keeps writing to the file it opened after its path stops naming it: a `rm` of the database
 * (a cleanup script, a volume mix-up) left the health check answering 200 and every write
 * acknowledged, into a deleted file whose contents vanish when the process stops.
 */
describe('the health check and the SQLite file (SQLite)', () => {
  it('answers 503 once the database file is deleted, and the log names the file', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'cf.sqlite');
      const sites = writeProcessSites(dir.path, mainFlow, 'http://127.0.0.1:9/');
      const server = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sites });
      expect((await send(`${server.url}/v1/health`, {})).status).toBe(200);
      for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
      const health = await send(`${server.url}/v1/health`, {});
      expect(health.status).toBe(503);
      expect(health.body.error.code).toBe('unavailable');
      // The answer does not tell the world where the file lives; the log tells the operator.
      expect(health.text).not.toContain(dir.path);
      // The log line goes through a pipe, the answer through a socket: either may arrive first.
      const logged = `the database file ${db} was deleted while the server runs`;
      await until(() => server.stdout().includes(logged), 10_000, 'the log line naming the file');
      expect(await server.stop()).toBe(0);
    } finally {
      dir.remove();
    }
  }, 60_000);

  it('answers 503 once another file is moved over the database file', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'cf.sqlite');
      const sites = writeProcessSites(dir.path, mainFlow, 'http://127.0.0.1:9/');
      const server = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sites });
      expect((await send(`${server.url}/v1/health`, {})).status).toBe(200);
      const other = join(dir.path, 'other.sqlite');
      new SQLite(other).close();
      renameSync(other, db);
      expect((await send(`${server.url}/v1/health`, {})).status).toBe(503);
      const logged = `the database file ${db} was replaced by another file`;
      await until(() => server.stdout().includes(logged), 10_000, 'the log line naming the file');
      expect(await server.stop()).toBe(0);
    } finally {
      dir.remove();
    }
  }, 60_000);
});
