import { type CreateTableBuilder, type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import type { DbKind } from './kind.ts';

/**
 * `session_rollup`: session counts per (site, flow, day, week, status, currency, reason, experiment,
 * variant, holdout), kept in step with `sessions` by triggers in the database itself. The insights
 * counts (summary, reasons, trends, experiments) read a few thousand rollup rows instead of scanning
 * every session, and no writer can forget to update it: the server's routes, the demo's sample
 * history, erasure and a hand-written `UPDATE` all go through the triggers, in the same transaction.
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
const matches = (row: string) => ROLLUP_KEY.map((c) => `${c} = ${keyValue(row, c)}`).join(' and ');

function addRow(row: string): string {
  return `insert into session_rollup (${ROLLUP_KEY.join(', ')}, n, mrr_micros, mrr_count)
    values (${ROLLUP_KEY.map((c) => keyValue(row, c)).join(', ')}, 1, ${micros(row)}, ${hasMrr(row)})
    on conflict (${ROLLUP_KEY.join(', ')}) do update set
      n = session_rollup.n + 1,
      mrr_micros = session_rollup.mrr_micros + excluded.mrr_micros,
      mrr_count = session_rollup.mrr_count + excluded.mrr_count;`;
}

function removeRow(row: string): string {
  return `update session_rollup set n = n - 1, mrr_micros = mrr_micros - ${micros(row)},
      mrr_count = mrr_count - ${hasMrr(row)}
    where ${matches(row)};
    delete from session_rollup where ${matches(row)} and n = 0;`;
}

const TRIGGERS: Record<DbKind, readonly string[]> = {
  sqlite: [
    `create trigger session_rollup_insert after insert on sessions begin ${addRow('new')} end`,
    `create trigger session_rollup_delete after delete on sessions begin ${removeRow('old')} end`,
    `create trigger session_rollup_update after update of ${WATCHED.join(', ')} on sessions
      begin ${removeRow('old')} ${addRow('new')} end`,
  ],
  postgres: [
    `create function session_rollup_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then ${removeRow('old')} end if;
        if tg_op in ('INSERT', 'UPDATE') then ${addRow('new')} end if;
        return null;
      end $$`,
    `create trigger session_rollup_apply after insert or delete or update of ${WATCHED.join(', ')} on sessions
      for each row execute function session_rollup_apply()`,
  ],
};

/** Creates the rollup table and its triggers, and fills it from the sessions already stored. */
export async function createSessionRollup(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  let table: CreateTableBuilder<'session_rollup', string> = db.schema.createTable('session_rollup');
  for (const column of ROLLUP_KEY) {
    table = table.addColumn(column, column === 'holdout' ? 'integer' : 'text', (c) => c.notNull());
  }
  await table
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('mrr_micros', 'bigint', (c) => c.notNull())
    .addColumn('mrr_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_rollup_pk', [...ROLLUP_KEY])
    .execute();
  await backfillSessionRollup(db);
  for (const statement of TRIGGERS[kind]) await sql.raw(statement).execute(db);
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
