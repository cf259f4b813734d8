import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../src/db/migrations.ts';
import type { Database } from '../src/db/tables.ts';
import { tempDir, writeSites } from './helpers.ts';
import { killServers, spawnServer } from './process.ts';
import { generator, randomHistory } from './random-history.ts';
import { until } from './receiver.ts';

afterEach(killServers);

/**
 * A server upgraded onto a database an older release wrote migrates before it listens; an
 * orchestrator that gives up on its health check (or an OOM kill) may SIGKILL it in the middle. The
 * next start must find the schema either as it was or fully migrated, never half of a migration.
 */
describe('a SIGKILL during a migration (SQLite)', () => {
  it('leaves no half-applied migration: the next start migrates and serves', async () => {
    const dir = tempDir();
    try {
      const file = `${dir.path}/upgrade.sqlite`;
      // As an older release left it: migrated up to 0013, with a history large enough that 0014's
      // backfill (the offers shown, copied from every `offer_shown` event) takes a while.
      const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(file) }) });
      await migrateUpTo(old as Kysely<unknown>, 'sqlite', '0013_sessions_by_site_time');
      await old.transaction().execute((trx) => randomHistory(trx, generator(3), 2000));
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 400)
        insert into events (id, session_id, type, at, received_at, payload_json, offer_id, reason_id)
        select e.id || '_' || n.i, e.session_id, e.type, e.at, e.received_at, e.payload_json, e.offer_id || '_' || (n.i % 50), e.reason_id
        from events e, n where e.type = 'offer_shown'`.execute(old);
      await old.destroy();

      const sitesFile = writeSites(dir.path);
      const env = { CANCELFLOW_DB: file, CANCELFLOW_SITES: sitesFile };
      const first = spawnServer(env).catch(() => undefined);
      // Kill it in the middle of 0014's backfill: a long write holds SQLite's write lock, so a write
      // transaction of our own cannot begin (without waiting) on 25 polls in a row (the brief writes
      // before the migrations run hold it for a poll or two at most).
      const watch = new SQLite(file, { fileMustExist: true, timeout: 0 });
      let held = 0;
      const migrating = () => {
        try {
          watch.exec('begin immediate; rollback');
          held = 0;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
          held++;
        }
        return held >= 25;
      };
      await until(migrating, 60_000, 'a migration to hold the write lock');
      killServers();
      await first;
      const recorded = () =>
        (
          watch.prepare("select count(*) as n from kysely_migration where name = '0014_offer_rollups'").get() as {
            n: number;
          }
        ).n;
      expect(recorded(), 'the kill landed before 0014 was recorded').toBe(0);
      watch.close();

      const second = await spawnServer(env);
      const health = await fetch(`${second.url}/v1/health`);
      expect(health.status).toBe(200);
      expect(await second.stop()).toBe(0);
      const db = new SQLite(file, { readonly: true });
      try {
        const applied = db.prepare('select name from kysely_migration order by name').all() as { name: string }[];
        expect(applied.map((m) => m.name)).toContain('0015_offers_accepted_stage');
      } finally {
        db.close();
      }
    } finally {
      dir.remove();
    }
  }, 180_000);
});
