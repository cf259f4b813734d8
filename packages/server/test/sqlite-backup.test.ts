import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { mainFlow } from './fixtures/flows.ts';
import { send, tempDir, token } from './helpers.ts';
import { killServers, NET_ORIGIN, spawnServer, writeProcessSites } from './process.ts';

afterEach(killServers);

/**
 * The backup recipe of docs/scaling.md, `sqlite3 cancelflow.sqlite "VACUUM INTO 'backup.sqlite'"`,
 * run (through the same SQLite, from another process) beside a running server: the server's lock
 * does not refuse it, the copy is whole and holds every write acknowledged before it, and the server
 * keeps serving.
 */
describe('a backup of the SQLite file while the server runs (SQLite)', () => {
  it('holds every acknowledged write, passes the integrity check, and the server serves on', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'cf.sqlite');
      const sites = writeProcessSites(dir.path, mainFlow, 'http://127.0.0.1:9/');
      const server = await spawnServer({ CANCELFLOW_DB: db, CANCELFLOW_SITES: sites });
      const start = async () =>
        send(`${server.url}/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: NET_ORIGIN },
          body: JSON.stringify({ token: await token({}), locale: { browser: ['en-US'] } }),
        });
      const before = await Promise.all(Array.from({ length: 5 }, start));
      expect(before.map((reply) => reply.status)).toEqual([201, 201, 201, 201, 201]);

      const backup = join(dir.path, 'backup.sqlite');
      const reader = new SQLite(db, { readonly: true });
      try {
        reader.prepare('VACUUM INTO ?').run(backup);
      } finally {
        reader.close();
      }
      const copy = new SQLite(backup, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const ids = copy.prepare('select id from sessions').pluck().all();
        expect(ids.sort()).toEqual(before.map((reply) => reply.body.sessionId).sort());
      } finally {
        copy.close();
      }
      expect((await start()).status).toBe(201);
      expect(await server.stop()).toBe(0);
    } finally {
      dir.remove();
    }
  }, 60_000);
});
