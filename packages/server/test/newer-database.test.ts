import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { BACKENDS, createPgDatabase } from './backends.ts';
import { tempDir } from './helpers.ts';
import { killServers, spawnFailingServer } from './process.ts';

afterEach(killServers);

const FUTURE = '9999_from_a_newer_release';

/** The migrations a database records, read without the server's code. */
async function recorded(url: string): Promise<string[]> {
  const query = 'select name from kysely_migration order by name';
  if (!url.startsWith('postgres')) {
    const db = new SQLite(url, { readonly: true });
    try {
      return (db.prepare(query).all() as { name: string }[]).map((r) => r.name);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(query)).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/**
 * Rolling back after an upgrade starts an older server on a database a newer one migrated. It was
 * refused, but as "database migration unknown failed: corrupted migrations: previously executed
 * migration … is missing", which reads as a damaged database. It must be refused with what
 * happened and what to do, and leave the database as it was.
 */
describe.each(BACKENDS)('%s', (backend) => {
  it('an older server on a newer database refuses to start, says why, and changes nothing', async () => {
    const dir = tempDir();
    const pgDb = backend === 'postgres' ? await createPgDatabase() : undefined;
    try {
      const url = pgDb?.url ?? join(dir.path, 'newer.sqlite');
      // As a newer release leaves it: every migration this one knows, and one it does not.
      const newer = await openDatabase(url);
      await sql`insert into kysely_migration (name, timestamp) values (${FUTURE}, ${new Date().toISOString()})`.execute(
        newer.kysely,
      );
      await newer.close();
      const before = await recorded(url);

      const { code, stderr } = await spawnFailingServer({ CANCELFLOW_DB: url });
      expect(code).toBe(1);
      expect(stderr).toContain(
        `the database was migrated by a newer version of cancelflow: it has migration ${FUTURE}, which this version does not know`,
      );
      expect(stderr).toContain('restore the backup taken before the upgrade');
      expect(stderr).not.toContain('corrupted');

      expect(await recorded(url)).toEqual(before);
    } finally {
      await pgDb?.drop();
      dir.remove();
    }
  }, 60_000);
});
