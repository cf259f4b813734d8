import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { tempDir } from './helpers.ts';
import { until } from './receiver.ts';

/**
 * A SQLite transaction meeting another connection's write lock is tried again from its BEGIN (never
 * from the statement that met it), with the connection free for other queries between the tries
 * (`db/sqlite/busy-retry.ts`).
 */
describe('a transaction waiting for the SQLite write lock (SQLite)', () => {
  it('runs again whole once the lock is gone, and other queries answer while it waits', async () => {
    const temp = tempDir();
    const file = `${temp.path}/busy.sqlite`;
    const notices: string[] = [];
    const db = await openDatabase(file, (msg) => notices.push(msg));
    const holder = new SQLite(file);
    try {
      holder.exec('BEGIN IMMEDIATE');
      let runs = 0;
      let settled = false;
      const write = db.kysely
        .transaction()
        .execute(async (trx) => {
          runs += 1;
          // Read, then write: the write meets the lock after the read, in the middle of the transaction.
          const before = await trx.selectFrom('events').select('id').execute();
          await trx
            .insertInto('events')
            .values({
              id: `evt_${before.length}`,
              session_id: 's',
              type: 't',
              at: '',
              received_at: '',
              payload_json: '{}',
            })
            .execute();
          return before.length;
        })
        .finally(() => {
          settled = true;
        });
      await until(() => runs > 0 || settled, 10_000, 'the transaction to meet the lock');
      // The connection is free between the tries: a read answers while the write still waits.
      const rows = await db.kysely.selectFrom('events').select('id').execute();
      expect(rows).toEqual([]);
      expect(settled).toBe(false);
      // Tried again after that read succeeded: still the same wait, for the log too.
      const runsAfterRead = runs;
      await until(() => runs > runsAfterRead || settled, 10_000, 'another try');
      expect(settled).toBe(false);
      holder.exec('ROLLBACK');
      expect(await write).toBe(0);
      expect(runs).toBeGreaterThan(1);
      // The operator hears of the wait once, not once per try.
      expect(notices).toEqual([expect.stringContaining('the database file is locked by another program')]);
      expect(await db.kysely.selectFrom('events').select('id').execute()).toEqual([{ id: 'evt_0' }]);
    } finally {
      holder.close();
      await db.close();
      temp.remove();
    }
  });
});
