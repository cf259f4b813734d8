import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { databaseUnavailable } from '../src/db/unavailable.ts';
import { tempDir } from './helpers.ts';

/**
 * On a full disk SQLite fails the write with SQLITE_FULL and ends the transaction itself. The
 * server's log said only "cannot rollback - no transaction is active" (Kysely's rollback after the
 * failed write, whose error replaced SQLite's), so nothing told the operator the disk was full.
 * `max_page_count` makes the database full the way a full disk does, without one.
 */
describe('a full SQLite database (SQLite)', () => {
  it("fails a transaction with SQLite's own error, not the failed rollback's", async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir.path, 'full.sqlite'));
    try {
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db.kysely);
      await sql.raw(`pragma max_page_count = ${Number(rows[0]?.page_count) + 5}`).execute(db.kysely);
      const filling = db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < 1000; i++) {
          await trx
            .insertInto('admin_revocations')
            .values({ nonce: `${i}-${'x'.repeat(2000)}`, expires_at: '2099-01-01T00:00:00.000Z' })
            .execute();
        }
      });
      const error = await filling.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'SQLITE_FULL', message: 'database or disk is full' });
      // What a request meeting it answers: 503 `unavailable` (app.ts), not 500 `internal`.
      expect(databaseUnavailable(error)).toBe(true);
      // The connection is usable afterwards: nothing of the transaction was kept, the next one runs.
      await sql.raw('pragma max_page_count = 1073741823').execute(db.kysely);
      const count = await db.kysely
        .selectFrom('admin_revocations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      expect(Number(count?.n)).toBe(0);
      await db.kysely
        .transaction()
        .execute((trx) =>
          trx
            .insertInto('admin_revocations')
            .values({ nonce: 'after', expires_at: '2099-01-01T00:00:00.000Z' })
            .execute(),
        );
    } finally {
      await db.close();
      dir.remove();
    }
  });
});
