import { type Kysely, sql } from 'kysely';
import { cleanText } from '../http/text.ts';
import type { Db } from './connect.ts';
import { foldAllRollups } from './rollup.ts';
import type { Database } from './tables.ts';

/**
 * What a copy does with each table and view. `copy`: its rows are copied as they are. `derived`: the
 * target's own triggers rebuild it from the copied rows (the rollups, their deltas and views, the
 * session copies beside events and accepted offers), exactly as they were built in the source.
 * `skip`: worth nothing in another database (the rate limiter's minute buckets). A table added to
 * `Database` fails the build here until it is given one.
 */
export const COPY_PLAN: Readonly<Record<keyof Database, 'copy' | 'derived' | 'skip'>> = {
  sessions: 'copy',
  events: 'copy',
  offers_accepted: 'copy',
  cancellations: 'copy',
  feedback: 'copy',
  idempotency_keys: 'copy',
  session_decisions: 'copy',
  webhook_outbox: 'copy',
  stripe_events: 'copy',
  mail_outbox: 'copy',
  mail_suppressions: 'copy',
  reactivations: 'copy',
  subscriptions: 'copy',
  audit: 'copy',
  flow_versions: 'copy',
  admin_revocations: 'copy',
  saves: 'copy',
  billing_status_changes: 'copy',
  rate_buckets: 'skip',
  session_rollup: 'derived',
  session_rollup_delta: 'derived',
  session_counts: 'derived',
  save_rollup: 'derived',
  save_rollup_delta: 'derived',
  save_counts: 'derived',
  offers_shown: 'derived',
  offers_shown_rollup: 'derived',
  offers_shown_rollup_delta: 'derived',
  offers_shown_counts: 'derived',
  offers_applied: 'derived',
  offers_applied_rollup: 'derived',
  offers_applied_rollup_delta: 'derived',
  offers_applied_counts: 'derived',
};

type Table = keyof Database;
const COPIED = (Object.keys(COPY_PLAN) as Table[]).filter((table) => COPY_PLAN[table] === 'copy');
/** Derived tables whose rows must come out the same in the target (the rollups are folded differently). */
const CHECKED_COPIES: readonly Table[] = ['offers_shown', 'offers_applied'];
/** Rows per insert: well under SQLite's 32,766 and Postgres's 65,535 bound parameters for the widest table. */
const BATCH = 500;

/** A copy that failed: `written` says whether the target holds anything of it (only when a check after it failed). */
export class CopyError extends Error {
  override readonly name = 'CopyError';
  constructor(
    message: string,
    readonly written: boolean,
  ) {
    super(message);
  }
}

export interface CopyReport {
  /** Rows copied, per table, in copy order. */
  readonly rows: Readonly<Record<string, number>>;
  /** Per table, the values whose U+0000 characters were dropped (Postgres cannot store them; see http/text.ts). */
  readonly cleaned: Readonly<Record<string, number>>;
}

/**
 * The row with its text as the server stores text now (`cleanText`): older servers kept U+0000 on
 * SQLite, which Postgres refuses. `cleaned` counts the values that changed.
 */
function storable(row: Record<string, unknown>): { row: Record<string, unknown>; cleaned: number } {
  let cleaned = 0;
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] = typeof value === 'string' ? cleanText(value) : value;
    if (out[column] !== value) cleaned++;
  }
  return { row: out, cleaned };
}

const count = async (db: Kysely<Database>, table: Table): Promise<number> => {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
};

/**
 * Postgres numbers a serial column (`mail_outbox.seq`) from a sequence that copied rows, which carry
 * their own numbers, do not advance: the next row would get 1 and sort before every copied one. Each
 * such sequence continues after the largest copied value.
 */
async function advanceSequences(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(db);
  for (const { table_name: table, column_name: column } of rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
}

/**
 * Copies everything a server stored in `from` (a SQLite database) into `to` (Postgres, or another
 * SQLite file), which must hold none of it yet. Both are at the current schema (`openDatabase` migrates
 * them). No server may write to either meanwhile: the source is read in one pass, and the target is
 * written in one transaction, so a copy that fails leaves it as empty as it was. Each table's row count
 * is then compared, and so are the session copies the target's triggers rebuilt. Text that holds U+0000
 * is copied without it (`CopyReport.cleaned` counts such values).
 */
export async function copyDatabase(
  from: Db,
  to: Db,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<CopyReport> {
  // Kysely streams a query only on SQLite (its Postgres dialect would need a cursor library), and one
  // pass over a file is what the move from one process to several needs.
  if (from.kind !== 'sqlite')
    throw new CopyError('the source must be a SQLite file; copy between Postgres databases with pg_dump', false);
  for (const table of COPIED) {
    if ((await count(to.kysely, table)) > 0)
      throw new CopyError(
        `the target already holds rows in "${table}": copy into a new, empty database (one no server has used)`,
        false,
      );
  }
  const rows: Record<string, number> = {};
  const cleaned: Record<string, number> = {};
  await to.kysely.transaction().execute(async (trx) => {
    for (const table of COPIED) {
      let batch: Record<string, unknown>[] = [];
      let copied = 0;
      const flush = async () => {
        if (!batch.length) return;
        try {
          await trx
            .insertInto(table)
            .values(batch as never)
            .execute();
        } catch (error) {
          throw new CopyError(
            `copying "${table}" (rows ${copied + 1}–${copied + batch.length}) failed: ${(error as Error).message}`,
            false,
          );
        }
        copied += batch.length;
        batch = [];
      };
      for await (const stored of from.kysely.selectFrom(table).selectAll().stream()) {
        const { row, cleaned: values } = storable(stored as Record<string, unknown>);
        if (values) cleaned[table] = (cleaned[table] ?? 0) + values;
        batch.push(row);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      rows[table] = copied;
      onTable(table, copied);
    }
  });
  if (to.kind === 'postgres') await advanceSequences(to.kysely);
  await foldAllRollups(to.kysely, to.kind);
  for (const table of [...COPIED, ...CHECKED_COPIES]) {
    const [source, target] = [await count(from.kysely, table), await count(to.kysely, table)];
    if (source !== target)
      throw new CopyError(
        `after the copy "${table}" holds ${target} rows in the target and ${source} in the source (did a server write to either meanwhile?)`,
        true,
      );
  }
  return { rows, cleaned };
}
