import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mainFlow } from './fixtures/flows.ts';
import { type Reply, send, tempDir, token } from './helpers.ts';
import { killServers, NET_ORIGIN, spawnServer, writeProcessSites } from './process.ts';
import { until } from './receiver.ts';

afterEach(killServers);

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');
/** What an operator's `sqlite3` shell does with `BEGIN IMMEDIATE`: holds the file's write lock until told. */
const LOCKER = `
const db = new (require(process.argv[1]))(process.argv[2]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
`;

/** Another process holding the write lock on `file`, from when this resolves until `release()`. */
async function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-e', LOCKER, DRIVER, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  await until(() => out.includes('locked') || child.exitCode !== null, 30_000, 'the lock holder');
  if (!out.includes('locked')) throw new Error(`the lock holder exited with ${child.exitCode}`);
  return {
    async release() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin?.write('go\n');
      await exited;
    },
  };
}

const NOTICE = 'the database file is locked by another program';

/** A subscriber opening the cancel flow: the server writes the session. */
async function startSession(url: string): Promise<Reply> {
  return send(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: NET_ORIGIN },
    body: JSON.stringify({ token: await token({}), locale: { browser: ['en-US'] } }),
  });
}

/**
 * better-sqlite3 is synchronous: with SQLite's `busy_timeout`, a write waiting for another program's
 * lock (an operator's `sqlite3` shell, a backup tool) held the event loop, and every other request
 * with it, for up to 5 s. Real server process, real second process holding `BEGIN IMMEDIATE`.
 */
describe('another program holding the SQLite write lock (SQLite)', () => {
  it('leaves the server answering while a write waits; the write goes through once the lock is gone', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'cf.sqlite');
      const sites = writeProcessSites(dir.path, mainFlow, 'http://127.0.0.1:9/');
      const server = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sites });
      const lock = await holdWriteLock(db);
      let settled = false;
      const session = startSession(server.url).finally(() => {
        settled = true;
      });
      // The write met the lock (the server says so), or — with the event loop held — gave up on it.
      await until(() => server.stdout().includes(NOTICE) || settled, 30_000, 'the write to meet the lock');
      const health = await send(`${server.url}/v1/health`, {});
      expect(health.status).toBe(200);
      // Answered while the write still waits: the lock is held until this test releases it.
      expect(settled).toBe(false);
      await lock.release();
      expect((await session).status).toBe(201);
      // One line for the episode, however many tries it took.
      expect(server.stdout().split(NOTICE).length - 1).toBe(1);
      expect(await server.stop()).toBe(0);
    } finally {
      dir.remove();
    }
  }, 120_000);

  it('fails the write with 503 and a Retry-After once the wait is over, and serves again after', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'cf.sqlite');
      const sites = writeProcessSites(dir.path, mainFlow, 'http://127.0.0.1:9/');
      const server = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sites });
      const lock = await holdWriteLock(db);
      const refused = await startSession(server.url);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('unavailable');
      expect(refused.headers.get('retry-after')).toBe('1');
      await lock.release();
      expect((await startSession(server.url)).status).toBe(201);
      expect(await server.stop()).toBe(0);
    } finally {
      dir.remove();
    }
  }, 120_000);
});
