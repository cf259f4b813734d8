import { type CreateTableBuilder, type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import { OFFERS_APPLIED_ROLLUP, OFFERS_SHOWN_ROLLUP } from '../insights/offer-rollups.ts';
import { SAVE_ROLLUP } from '../saves/schema.ts';
import type { DbKind } from './kind.ts';
import type { RollupSpec } from './rollup-spec.ts';
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

export const SESSION_ROLLUP: RollupSpec = {
  source: 'sessions',
  table: 'session_rollup',
  view: 'session_counts',
  key: ROLLUP_KEY,
  nullable: new Set(['currency', 'reason_id', 'experiment_id', 'variant']),
  integers: new Set(['holdout']),
  mrr: true,
  foldLock: 7_210_431,
};

/** The rollup key value of the `row` (`new` or `old`) inside a trigger. */
const keyValue = (spec: RollupSpec, row: string, column: string) =>
  spec.nullable.has(column) ? `coalesce(${row}.${column}, '')` : `${row}.${column}`;
const micros = (row: string) => `coalesce(cast(round(${row}.mrr * 1000000) as bigint), 0)`;
const hasMrr = (row: string) => `case when ${row}.mrr is null then 0 else 1 end`;

/** The counted columns: `n`, and the MRR sums of a source that has an `mrr` column. */
const measures = (spec: RollupSpec): readonly string[] => (spec.mrr ? ['n', 'mrr_micros', 'mrr_count'] : ['n']);
const counts = (spec: RollupSpec) => [...spec.key, ...measures(spec)].join(', ');

/** The counter row `row` (`new` or `old`) belongs to gains (+1) or loses (−1) one source row. */
function delta(spec: RollupSpec, row: string, sign: 1 | -1): string {
  const values = [...spec.key.map((c) => keyValue(spec, row, c)), `${sign}`];
  if (spec.mrr) values.push(`${sign} * ${micros(row)}`, `${sign} * ${hasMrr(row)}`);
  return `insert into ${spec.table}_delta (${counts(spec)}) values (${values.join(', ')});`;
}

function deltaTriggers(spec: RollupSpec, kind: DbKind): readonly string[] {
  // Source columns whose change moves a row to another counter row.
  const watched = [...spec.key, ...(spec.mrr ? ['mrr'] : [])].join(', ');
  const { table, source } = spec;
  if (kind === 'sqlite') {
    return [
      `create trigger ${table}_insert after insert on ${source} begin ${delta(spec, 'new', 1)} end`,
      `create trigger ${table}_delete after delete on ${source} begin ${delta(spec, 'old', -1)} end`,
      `create trigger ${table}_update after update of ${watched} on ${source}
        begin ${delta(spec, 'old', -1)} ${delta(spec, 'new', 1)} end`,
    ];
  }
  return [
    `create function ${table}_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then ${delta(spec, 'old', -1)} end if;
        if tg_op in ('INSERT', 'UPDATE') then ${delta(spec, 'new', 1)} end if;
        return null;
      end $$`,
    `create trigger ${table}_apply after insert or delete or update of ${watched} on ${source}
      for each row execute function ${table}_apply()`,
  ];
}

function dropTriggers({ table, source }: RollupSpec, kind: DbKind): readonly string[] {
  return kind === 'sqlite'
    ? [
        `drop trigger if exists ${table}_insert`,
        `drop trigger if exists ${table}_delete`,
        `drop trigger if exists ${table}_update`,
      ]
    : [`drop trigger if exists ${table}_apply on ${source}`, `drop function if exists ${table}_apply()`];
}

/** A table of counts by rollup key: the rollup and its appended deltas share the columns. */
function countsTable(db: Kysely<unknown>, spec: RollupSpec, name: string): CreateTableBuilder<string, string> {
  let table: CreateTableBuilder<string, string> = db.schema.createTable(name);
  for (const column of spec.key) {
    table = table.addColumn(column, spec.integers.has(column) ? 'integer' : 'text', (c) => c.notNull());
  }
  for (const column of measures(spec)) table = table.addColumn(column, 'bigint', (c) => c.notNull());
  return table;
}

/**
 * Replaces any counter-updating triggers (those of 0002) with appending ones: creates the delta
 * table, the view and the new triggers (migration 0005 for sessions).
 */
export async function appendOnlyRollup(db: Kysely<unknown>, kind: DbKind, spec: RollupSpec = SESSION_ROLLUP) {
  for (const statement of dropTriggers(spec, kind)) await sql.raw(statement).execute(db);
  await countsTable(db, spec, `${spec.table}_delta`).execute();
  await sql
    .raw(
      `create view ${spec.view} as
         select ${counts(spec)} from ${spec.table} union all select ${counts(spec)} from ${spec.table}_delta`,
    )
    .execute(db);
  for (const statement of deltaTriggers(spec, kind)) await sql.raw(statement).execute(db);
}

/**
 * Moves the pending deltas into the rollup, in one transaction: summed per counter row, applied
 * in key order, rows that reach zero removed. One folder at a time (SQLite has one writer;
 * on Postgres an advisory lock, and a second folder skips its turn), so folders never deadlock either;
 * readers of the view see the same sums before and after. Returns how many delta rows moved.
 */
export async function foldRollup(db: Kysely<Database>, kind: DbKind, spec: RollupSpec): Promise<number> {
  const key = spec.key.join(', ');
  const sums = [key, ...measures(spec).map((m) => `sum(${m})`)].join(', ');
  const upsert = `on conflict (${key}) do update set
      ${measures(spec)
        .map((m) => `${m} = ${spec.table}.${m} + excluded.${m}`)
        .join(', ')}`;
  return db.transaction().execute(async (trx) => {
    let moved: number;
    if (kind === 'postgres') {
      const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${spec.foldLock}) as ok`.execute(trx);
      if (!lock.rows[0]?.ok) return 0;
      // The rows this statement deletes are exactly the rows it folds (one snapshot).
      const result = await sql
        .raw(
          `with moved as (delete from ${spec.table}_delta returning *)
           insert into ${spec.table} (${counts(spec)})
           select ${sums} from moved group by ${key} order by ${key}
           ${upsert}`,
        )
        .execute(trx);
      moved = Number(result.numAffectedRows ?? 0n);
    } else {
      // One writer at a time: nothing can append between the insert and the delete.
      await sql
        .raw(
          `insert into ${spec.table} (${counts(spec)})
           select ${sums} from ${spec.table}_delta where true group by ${key} ${upsert}`,
        )
        .execute(trx);
      const deleted = await sql.raw(`delete from ${spec.table}_delta`).execute(trx);
      moved = Number(deleted.numAffectedRows ?? 0n);
    }
    await sql.raw(`delete from ${spec.table} where n = 0`).execute(trx);
    return moved;
  });
}

export const foldSessionRollup = (db: Kysely<Database>, kind: DbKind): Promise<number> =>
  foldRollup(db, kind, SESSION_ROLLUP);

/** Every rollup the server folds: sessions, verified saves, offers shown and applied. */
export const ROLLUPS: readonly RollupSpec[] = [SESSION_ROLLUP, SAVE_ROLLUP, OFFERS_SHOWN_ROLLUP, OFFERS_APPLIED_ROLLUP];

/** Folds every rollup once (the server's folder does so every few seconds); returns the delta rows moved. */
export async function foldAllRollups(db: Kysely<Database>, kind: DbKind): Promise<number> {
  let moved = 0;
  for (const spec of ROLLUPS) moved += await foldRollup(db, kind, spec);
  return moved;
}

/**
 * Creates a rollup table keyed by the spec's key and fills it from the source rows already stored
 * (migration 0002 for sessions). Its triggers are those of `appendOnlyRollup`.
 */
export async function createRollup(db: Kysely<unknown>, spec: RollupSpec): Promise<void> {
  await countsTable(db, spec, spec.table)
    .addPrimaryKeyConstraint(`${spec.table}_pk`, [...spec.key])
    .execute();
  await backfillRollup(db, spec);
}

export const createSessionRollup = (db: Kysely<unknown>) => createRollup(db, SESSION_ROLLUP);

/** Removes a rollup: its source's triggers, the view, the deltas and the rollup table. */
export async function dropRollup(db: Kysely<unknown>, kind: DbKind, spec: RollupSpec): Promise<void> {
  for (const statement of dropTriggers(spec, kind)) await sql.raw(statement).execute(db);
  await db.schema.dropView(spec.view).ifExists().execute();
  await db.schema.dropTable(`${spec.table}_delta`).ifExists().execute();
  await db.schema.dropTable(spec.table).ifExists().execute();
}

/** Adds every stored source row to an empty rollup (what the triggers would have written). */
export async function backfillRollup(db: QueryExecutorProvider, spec: RollupSpec): Promise<void> {
  const keys = spec.key.map((c) => keyValue(spec, spec.source, c));
  const sums = spec.mrr
    ? ['count(*)', 'coalesce(sum(cast(round(mrr * 1000000) as bigint)), 0)', 'count(mrr)']
    : ['count(*)'];
  await sql
    .raw(
      `insert into ${spec.table} (${counts(spec)})
       select ${[...keys, ...sums].join(', ')} from ${spec.source} group by ${keys.join(', ')}`,
    )
    .execute(db);
}

export const backfillSessionRollup = (db: QueryExecutorProvider) => backfillRollup(db, SESSION_ROLLUP);
