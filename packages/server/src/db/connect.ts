import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DbKind } from './kind.ts';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './tables.ts';

export type { DbKind };

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly kind: DbKind;
  close(): Promise<void>;
}

/**
 * Opens the database named by `url`: `postgres://…` / `postgresql://…` for Postgres, anything else is a
 * SQLite file path (created with its folder if missing). Runs the migrations before returning.
 *
 * SQLite runs in WAL mode with `synchronous=FULL`: every commit fsyncs the WAL before it returns, so
 * an acknowledged write survives a power loss as well as a crash. (`NORMAL` is faster but, in WAL
 * mode, may lose the last commits on power loss — that would break "acknowledged ⇒ durable".)
 * Ingest batches many events per transaction, so the fsync is paid per request, not per event.
 */
export async function openDatabase(url: string): Promise<Db> {
  const kind: DbKind = /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
  let kysely: Kysely<Database>;
  if (kind === 'postgres') {
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }) });
  } else {
    if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
    const sqlite = new SQLite(url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  try {
    await migrateToLatest(kysely as Kysely<unknown>, kind);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return { kysely, kind, close: () => kysely.destroy() };
}
