import SQLite from 'better-sqlite3';
import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.ts';
import { GroupCommit } from '../src/db/group-commit.ts';
import type { Database } from '../src/db/tables.ts';
import { databaseUnavailable } from '../src/db/unavailable.ts';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, createPgDatabase } from './backends.ts';
import { tempDir } from './helpers.ts';

describe.each(BACKENDS)('group commit (%s)', (backend) => {
  const temp = tempDir();
  let writer: Db;
  /** A second connection: it sees only what has been committed. */
  let reader: Db;
  let dropPg: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
    dropPg = pg?.drop;
    const url = pg?.url ?? `${temp.path}/group.sqlite`;
    writer = await openDatabase(url);
    reader = await openDatabase(url);
  });
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await dropPg?.();
    temp.remove();
  });

  const insertEvent = (trx: Transaction<Database>, id: string) =>
    trx
      .insertInto('events')
      .values({ id, session_id: 'ses_g', type: 'step_viewed', at: '', received_at: '', payload_json: '{}' })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
  const committed = async (ids: string[]) =>
    (await reader.kysely.selectFrom('events').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();

  it('puts concurrent writes in one transaction and resolves each only once it is committed', async () => {
    const writes = new GroupCommit(writer.kysely);
    const seen = new Set<Transaction<Database>>();
    const ids = Array.from({ length: 12 }, (_, i) => `evt_together_${i}`);
    const visibleAtAck: string[][] = [];
    await Promise.all(
      ids.map((id) =>
        writes
          .submit(async (trx) => {
            seen.add(trx);
            return (await insertEvent(trx, id)).length;
          })
          .then(async (inserted) => {
            expect(inserted).toBe(1);
            visibleAtAck.push(await committed([id]));
          }),
      ),
    );
    expect(seen.size).toBe(1);
    expect(visibleAtAck.sort()).toEqual(ids.map((id) => [id]).sort());
  });

  it('makes the next group of the writes submitted while one commits', async () => {
    const writes = new GroupCommit(writer.kysely);
    const groups: Transaction<Database>[] = [];
    let late: Promise<unknown> | undefined;
    const first = writes.submit(async (trx) => {
      groups.push(trx);
      // Submitted while this group's transaction is open: it cannot join a transaction under way.
      late = writes.submit(async (next) => {
        groups.push(next);
        return insertEvent(next, 'evt_late');
      });
      return insertEvent(trx, 'evt_early');
    });
    await first;
    await late;
    expect(groups).toHaveLength(2);
    expect(groups[0]).not.toBe(groups[1]);
    expect(await committed(['evt_early', 'evt_late'])).toEqual(['evt_early', 'evt_late']);
  });

  it('fails only the write that failed: the others of its group are retried alone and committed', async () => {
    const writes = new GroupCommit(writer.kysely);
    const runs = new Map<string, number>();
    const write = (id: string, fail: boolean) =>
      writes.submit(async (trx) => {
        runs.set(id, (runs.get(id) ?? 0) + 1);
        const inserted = await insertEvent(trx, id);
        if (fail) throw new Error(`write ${id} failed`);
        return inserted.length;
      });
    const results = await Promise.allSettled([
      write('evt_ok_1', false),
      write('evt_bad', true),
      write('evt_ok_2', false),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'write evt_bad failed' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 1 });
    // The group ran up to the failure and rolled back; then each write ran alone.
    expect(Object.fromEntries(runs)).toEqual({ evt_ok_1: 2, evt_bad: 2, evt_ok_2: 1 });
    expect(await committed(['evt_ok_1', 'evt_bad', 'evt_ok_2'])).toEqual(['evt_ok_1', 'evt_ok_2']);
  });
});

describe('group commit while another program holds the SQLite write lock (SQLite)', () => {
  it('fails every write of the group with the lock error at once, without trying each alone', async () => {
    const temp = tempDir();
    const file = `${temp.path}/locked.sqlite`;
    // No wait for the lock (`busyWaitMs: 0`): the group's transaction fails at its first write.
    const db = await openDatabase(file, undefined, { busyWaitMs: 0 });
    const holder = new SQLite(file);
    try {
      holder.exec('BEGIN IMMEDIATE');
      const writes = new GroupCommit(db.kysely);
      const runs = new Map<string, number>();
      const write = (id: string) =>
        writes.submit(async (trx) => {
          runs.set(id, (runs.get(id) ?? 0) + 1);
          await trx
            .insertInto('events')
            .values({ id, session_id: 'ses_l', type: 'step_viewed', at: '', received_at: '', payload_json: '{}' })
            .execute();
        });
      const results = await Promise.allSettled([write('evt_l1'), write('evt_l2'), write('evt_l3')]);
      for (const result of results) {
        expect(result).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_BUSY' } });
        expect(databaseUnavailable((result as PromiseRejectedResult).reason)).toBe(true);
      }
      // Each alone would have met the same lock again (and, with a wait, waited for it again, in turn).
      expect(Object.fromEntries(runs)).toEqual({ evt_l1: 1 });
    } finally {
      holder.close();
      await db.close();
      temp.remove();
    }
  });
});
