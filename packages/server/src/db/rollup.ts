import { type CreateTableBuilder, type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import type { DbKind } from './kind.ts';
import type { Database } from './tables.ts';

/**
 * `session_rollup`: session counts per (site, flow, day, week, status, currency, reason, experiment,
 * variant, holdout), kept in step with `sessions` by triggers in the database itself. The insights
 * counts (summary, reasons, trends, experiments) read a few thousand rollup rows instead of scanning
 * every session, and no writer can forget to update it: the server's routes, the demo's sample
 * history, erasure and a hand-written `UPDATE` all go through the triggers, in the same transaction.
 *
 * The triggers only *append* to `session_rollup_delta` (+1 for the row a session enters, −1 for the
 * one it leaves): writers never update a shared counter row, so concurrent transactions cannot
 * deadlock on them (they did on Postgres when each updated counters in its own order). The view
 * `session_counts` is the rollup plus the pending deltas, summed by the readers' `group by`; one
 * folder at a time (`foldSessionRollup`, every few seconds) moves the deltas into the rollup.
 *
 * Nullable dimensions are stored as `''` (a primary key cannot hold NULL on Postgres, and NULLs never
 * conflict in an upsert): no real value is empty, since ids, reasons and currencies are non-empty by
 * schema. MRR is summed in integer millionths, so adding and removing sessions never drifts the sum;
 * `mrr_count` counts sessions that had an MRR, so "no MRR at all" stays distinguishable from 0.
 */
export const ROLLUP_KEY = [
  'site_id',
  'flow_id',
  'created_day',
  'created_week',
  'status',
  'currency',
  'reason_id',
  'experiment_id',
  'variant',
  'holdout',
] as const;

/** Sessions columns whose change moves a session to another rollup row. */
const WATCHED = [...ROLLUP_KEY, 'mrr'] as const;
const NULLABLE = new Set<string>(['currency', 'reason_id', 'experiment_id', 'variant']);

/** The rollup key value of the `row` (`new` or `old`) inside a trigger. */
const keyValue = (row: string, column: string) =>
  NULLABLE.has(column) ? `coalesce(${row}.${column}, '')` : `${row}.${column}`;
const micros = (row: string) => `coalesce(cast(round(${row}.mrr * 1000000) as bigint), 0)`;
const hasMrr = (row: string) => `case when ${row}.mrr is null then 0 else 1 end`;

/** The counter row `row` (`new` or `old`) belongs to gains (+1) or loses (−1) one session. */
function delta(row: string, sign: 1 | -1): string {
  return `insert into session_rollup_delta (${ROLLUP_KEY.join(', ')}, n, mrr_micros, mrr_count)
    values (${ROLLUP_KEY.map((c) => keyValue(row, c)).join(', ')}, ${sign}, ${sign} * ${micros(row)}, ${sign} * ${hasMrr(row)});`;
}

const DELTA_TRIGGERS: Record<DbKind, readonly string[]> = {
  sqlite: [
    `create trigger session_rollup_insert after insert on sessions begin ${delta('new', 1)} end`,
    `create trigger session_rollup_delete after delete on sessions begin ${delta('old', -1)} end`,
    `create trigger session_rollup_update after update of ${WATCHED.join(', ')} on sessions
      begin ${delta('old', -1)} ${delta('new', 1)} end`,
  ],
  postgres: [
    `create function session_rollup_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then ${delta('old', -1)} end if;
        if tg_op in ('INSERT', 'UPDATE') then ${delta('new', 1)} end if;
        return null;
      end $$`,
    `create trigger session_rollup_apply after insert or delete or update of ${WATCHED.join(', ')} on sessions
      for each row execute function session_rollup_apply()`,
  ],
};

const DROP_TRIGGERS: Record<DbKind, readonly string[]> = {
  sqlite: [
    'drop trigger if exists session_rollup_insert',
    'drop trigger if exists session_rollup_delete',
    'drop trigger if exists session_rollup_update',
  ],
  postgres: [
    'drop trigger if exists session_rollup_apply on sessions',
    'drop function if exists session_rollup_apply()',
  ],
};

const COUNTS = `${ROLLUP_KEY.join(', ')}, n, mrr_micros, mrr_count`;

/** A table of session counts by rollup key: `session_rollup` and its appended deltas share the columns. */
function countsTable<T extends string>(db: Kysely<unknown>, name: T): CreateTableBuilder<T, string> {
  let table: CreateTableBuilder<T, string> = db.schema.createTable(name);
  for (const column of ROLLUP_KEY) {
    table = table.addColumn(column, column === 'holdout' ? 'integer' : 'text', (c) => c.notNull());
  }
  return table
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('mrr_micros', 'bigint', (c) => c.notNull())
    .addColumn('mrr_count', 'bigint', (c) => c.notNull());
}

/**
 * Replaces the counter-updating triggers of 0002 with appending ones: creates the delta table, the
 * `session_counts` view and the new triggers (migration 0005).
 */
export async function appendOnlyRollup(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  for (const statement of DROP_TRIGGERS[kind]) await sql.raw(statement).execute(db);
  await countsTable(db, 'session_rollup_delta').execute();
  await sql
    .raw(
      `create view session_counts as
         select ${COUNTS} from session_rollup union all select ${COUNTS} from session_rollup_delta`,
    )
    .execute(db);
  for (const statement of DELTA_TRIGGERS[kind]) await sql.raw(statement).execute(db);
}

/** Any fixed number: the Postgres advisory lock that lets one folder run at a time across processes. */
const FOLD_LOCK = 7_210_431;

/**
 * Moves the pending deltas into `session_rollup`, in one transaction: summed per counter row, applied
 * in key order, rows that reach zero sessions removed. One folder at a time (SQLite has one writer;
 * on Postgres an advisory lock, and a second folder skips its turn), so folders never deadlock either;
 * readers of `session_counts` see the same sums before and after. Returns how many delta rows moved.
 */
export async function foldSessionRollup(db: Kysely<Database>, kind: DbKind): Promise<number> {
  const sums = `${ROLLUP_KEY.join(', ')}, sum(n), sum(mrr_micros), sum(mrr_count)`;
  const upsert = `on conflict (${ROLLUP_KEY.join(', ')}) do update set
      n = session_rollup.n + excluded.n,
      mrr_micros = session_rollup.mrr_micros + excluded.mrr_micros,
      mrr_count = session_rollup.mrr_count + excluded.mrr_count`;
  return db.transaction().execute(async (trx) => {
    let moved: number;
    if (kind === 'postgres') {
      const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as ok`.execute(trx);
      if (!lock.rows[0]?.ok) return 0;
      // The rows this statement deletes are exactly the rows it folds (one snapshot).
      const result = await sql
        .raw(
          `with moved as (delete from session_rollup_delta returning *)
           insert into session_rollup (${COUNTS})
           select ${sums} from moved group by ${ROLLUP_KEY.join(', ')} order by ${ROLLUP_KEY.join(', ')}
           ${upsert}`,
        )
        .execute(trx);
      moved = Number(result.numAffectedRows ?? 0n);
    } else {
      // One writer at a time: nothing can append between the insert and the delete.
      await sql
        .raw(
          `insert into session_rollup (${COUNTS})
           select ${sums} from session_rollup_delta where true group by ${ROLLUP_KEY.join(', ')} ${upsert}`,
        )
        .execute(trx);
      const deleted = await trx.deleteFrom('session_rollup_delta').executeTakeFirst();
      moved = Number(deleted.numDeletedRows);
    }
    await trx.deleteFrom('session_rollup').where('n', '=', 0).execute();
    return moved;
  });
}

/**
 * Creates the rollup table and fills it from the sessions already stored (migration 0002). Its
 * triggers are those of `appendOnlyRollup` (0005), which replaced the counter-updating ones 0002 made.
 */
export async function createSessionRollup(db: Kysely<unknown>): Promise<void> {
  await countsTable(db, 'session_rollup')
    .addPrimaryKeyConstraint('session_rollup_pk', [...ROLLUP_KEY])
    .execute();
  await backfillSessionRollup(db);
}

/** Adds every stored session to an empty rollup (what the triggers would have written). */
export async function backfillSessionRollup(db: QueryExecutorProvider): Promise<void> {
  const keys = ROLLUP_KEY.map((c) => keyValue('sessions', c));
  await sql
    .raw(
      `insert into session_rollup (${ROLLUP_KEY.join(', ')}, n, mrr_micros, mrr_count)
       select ${keys.join(', ')}, count(*), coalesce(sum(cast(round(mrr * 1000000) as bigint)), 0), count(mrr)
       from sessions group by ${keys.join(', ')}`,
    )
    .execute(db);
}
