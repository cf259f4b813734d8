import { once } from 'node:events';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigError, openDatabase, startServer } from '../src/index.ts';
import { send, tempDir, writeSites } from './helpers.ts';
import { killServers, spawnFailingServer, spawnServer } from './process.ts';

const dir = tempDir();
const sitesFile = writeSites(dir.path);
afterEach(killServers);
afterAll(() => dir.remove());

const inProcess = (db: string) =>
  startServer({ port: 0, db, sitesFile, widgetDir: false, handleSignals: false, log: false, env: {} });

// One server process per SQLite file (docs/scaling.md): each test starts real server processes, with
// generous timeouts for a slow or busy CI machine.
describe('a second server on one SQLite file', () => {
  it('is refused, naming the file and the process that has it; after kill -9 of that one, a new one starts', async () => {
    const db = join(dir.path, 'shared.sqlite');
    const first = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sitesFile });

    const second = await spawnFailingServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sitesFile });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^cancelflow server: the SQLite file ${db} is in use by another cancelflow server \\(process ${first.child.pid} on .+, started .+\\): a SQLite file serves one server process`,
      ),
    );
    expect(second.stderr).toContain('move to Postgres to run several');
    expect(second.stdout).toBe(''); // refused before it listened: no warnings about a server that never ran
    expect((await send(`${first.url}/v1/health`, {})).status).toBe(200); // the first is untouched

    // A crash leaves no stale lock for an operator to remove: the system drops it with the process.
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const next = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sitesFile });
    expect((await send(`${next.url}/v1/health`, {})).status).toBe(200);
    expect(await next.stop()).toBe(0);

    // And a graceful stop hands the file over too.
    const after = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sitesFile });
    expect((await send(`${after.url}/v1/health`, {})).status).toBe(200);
  }, 180_000);

  it('is refused in the same process too, also by another spelling of the path; close() hands the file over', async () => {
    const real = join(dir.path, 'real');
    mkdirSync(real);
    symlinkSync(real, join(dir.path, 'link'));
    const first = await inProcess(join(real, 'in-process.sqlite'));
    try {
      const refused = inProcess(join(dir.path, 'link', '..', 'link', 'in-process.sqlite'));
      await expect(refused).rejects.toThrow(ConfigError);
      await expect(refused).rejects.toThrow(
        `the SQLite file ${join(real, 'in-process.sqlite')} is in use by another cancelflow server (process ${process.pid} on `,
      );
    } finally {
      await first.close();
    }
    const again = await inProcess(join(real, 'in-process.sqlite'));
    await again.close();
  });

  it('leaves other files alone: two servers on two SQLite files in one folder both run', async () => {
    const a = await inProcess(join(dir.path, 'a.sqlite'));
    const b = await inProcess(join(dir.path, 'b.sqlite'));
    await Promise.all([a.close(), b.close()]);
  });
});

describe('the lock between a server and cancelflow copy-db', () => {
  it('refuses a server while copy-db holds the file, naming the copy; the server starts once the copy has closed it', async () => {
    const db = join(dir.path, 'copying.sqlite');
    // What copy-db does with its --from file.
    const copying = await openDatabase(db, undefined, { lock: 'copy-db' });
    try {
      const refused = inProcess(db);
      await expect(refused).rejects.toThrow(ConfigError);
      await expect(refused).rejects.toThrow(
        `the SQLite file ${db} is being copied by cancelflow copy-db (process ${process.pid} on `,
      );
      await expect(refused).rejects.toThrow('Start the server when the copy has ended');
    } finally {
      await copying.close();
    }
    const server = await inProcess(db);
    await server.close();
  });

  it('reads the holder of a lock file an older server made (no command column), and takes such a file once free', async () => {
    const db = join(dir.path, 'older.sqlite');
    // The lock file as servers before copy-db took the lock made it, held by one such server.
    const older = new SQLite(`${db}.lock`);
    older.exec(
      'create table holder (id integer primary key check (id = 1), pid integer not null, host text not null, since text not null)',
    );
    older.prepare('insert into holder values (1, 4121, ?, ?)').run('web-1', '2026-01-02T03:04:05.000Z');
    older.exec('begin immediate');
    try {
      const copy = openDatabase(db, undefined, { lock: 'copy-db' });
      await expect(copy).rejects.toThrow(
        `the SQLite file ${db} is in use by a cancelflow server (process 4121 on web-1, started 2026-01-02T03:04:05.000Z)`,
      );
      await expect(inProcess(db)).rejects.toThrow('is in use by another cancelflow server (process 4121 on web-1');
    } finally {
      older.exec('rollback');
      older.close();
    }
    const server = await inProcess(db);
    await server.close();
  });
});
