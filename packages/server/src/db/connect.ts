import { closeSync, mkdirSync, openSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../config/errors.ts';
import { unsupportedNode } from '../node-version.ts';
import type { DbKind } from './kind.ts';
import { migrateToLatest } from './migrations.ts';
import { BUSY_WAIT_MS, type BusyRetryOptions, busyRetryingKysely } from './sqlite/busy-retry.ts';
import { type Checkpointer, startCheckpointer } from './sqlite/checkpointer.ts';
import { TransactionalSqliteDialect } from './sqlite/dialect.ts';
import { type LockHolder, lockSqliteFile, type ProcessLock } from './sqlite/process-lock.ts';
import { withStatementCache } from './sqlite/statement-cache.ts';
import type { Database } from './tables.ts';

export type { DbKind };

const CHECKPOINT_INTERVAL_MS = 100;
/** How long an erasure waits for the WAL to be emptied (`scrubDeleted`). */
const SCRUB_TIMEOUT_MS = 10_000;
/**
 * How long a new Postgres connection may take, and a request may wait for one from the pool. pg's
 * default is no limit: a Postgres whose address takes connections but never answers (a firewall
 * dropping packets, another service on that port) held start-up for ever without a word, and each
 * request with it.
 */
export const PG_CONNECT_TIMEOUT_MS = 10_000;

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly kind: DbKind;
  /**
   * Makes deleted rows unreadable in the database's files, after an erasure. SQLite zeroes deleted
   * content as it deletes (`secure_delete`); this also empties the WAL, whose older frames still
   * hold the pages as they were. Postgres keeps deleted rows as dead tuples until (auto)vacuum.
   */
  scrubDeleted(): Promise<void>;
  /**
   * What is wrong with the database that a query would not show, else undefined: a SQLite file
   * deleted or replaced since it was opened (the health check's question).
   */
  problem(): string | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * For the server and `cancelflow copy-db`: refuse a SQLite file another server (or copy) has open,
   * and hold it until `close()` (`process-lock.ts`), as which of the two. Tools that read beside a
   * running server (tests, a backup) leave it off.
   */
  readonly lock?: LockHolder;
  /**
   * SQLite: how long a query waits, in all, for another program's lock on the file before it fails
   * (`busy-retry.ts`; default `BUSY_WAIT_MS`). For tests.
   */
  readonly busyWaitMs?: number;
}

/**
 * Opens the database named by `url`: `postgres://…` / `postgresql://…` for Postgres, anything else is a
 * SQLite file path (created with its folder if missing). Runs the migrations before returning.
 *
 * SQLite runs in WAL mode with `synchronous=FULL`: every commit fsyncs the WAL before it returns, so
 * an acknowledged write survives a power loss as well as a crash. (`NORMAL` is faster but, in WAL
 * mode, may lose the last commits on power loss — that would break "acknowledged ⇒ durable".)
 * Ingest commits concurrent requests' batches together (group commit), so one fsync serves many
 * requests. Checkpoints run on a thread of their own (see `checkpointer.ts`); `onError` hears about
 * theirs, and about Postgres connections lost while idle in the pool (default: stderr).
 */
export async function openDatabase(
  url: string,
  onError: (msg: string, error: string) => void = (msg, error) => console.error(`cancelflow: ${msg}: ${error}`),
  options: OpenOptions = {},
): Promise<Db> {
  // startServer() from code on Node 20 (Debian's) crashed here without a word: the SQLite driver
  // segfaults as it opens the file. main.js and the CLI check at start; code that imports the package
  // gets this error instead.
  const tooOld = unsupportedNode();
  if (tooOld) throw new ConfigError(`cancelflow server: ${tooOld}`);
  const kind: DbKind = /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
  // Any other URL is not a file name: it would become a SQLite file at a path such as ./mysql:/host/db.
  if (kind === 'sqlite' && /^[a-z][a-z\d+.-]*:\/\//i.test(url))
    throw new ConfigError(
      `the database "${redacted(url)}" is not supported: give a SQLite file path or a postgres:// URL (--db, CANCELFLOW_DB)`,
    );
  let kysely: Kysely<Database>;
  let checkpointer: Checkpointer | undefined;
  let problem = (): string | undefined => undefined;
  let lock: ProcessLock | undefined;
  if (kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS });
    // Postgres restarting (or a failover, an operator, a proxy's idle timeout) ends the pool's
    // connections, which pg reports as an `error` event: without a listener, an uncaught exception
    // that took the whole server down with the database. The pool listens only to the connections idle
    // in it; one checked out between two queries (a transaction's, while the server awaits something
    // else) emits its error on the client alone, and that killed the process too. So every client gets
    // a listener (one log line per connection lost); its query, or the next, fails with 503, the pool
    // drops it and opens a new one for the next query. For an idle one the pool's own `error` event
    // (the same error) comes too: it needs a listener, not a second log line.
    pool.on('error', () => {});
    pool.on('connect', (client) =>
      client.on('error', (error) => onError('the database connection was lost', String(error))),
    );
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    if (url !== ':memory:') makeFolder(url);
    // The folder's real path, so that two spellings of one file (a symlink, ./x and x) share one lock.
    if (options.lock && url !== ':memory:')
      lock = lockSqliteFile(join(realpathSync(dirname(url)), basename(url)), new Date(), options.lock);
    try {
      kysely = openSqlite(url, {
        waitMs: options.busyWaitMs ?? BUSY_WAIT_MS,
        onBusy: (error) =>
          onError(
            `the database file is locked by another program (a sqlite3 shell, a backup tool?): queries wait for it, up to ${(options.busyWaitMs ?? BUSY_WAIT_MS) / 1000} s each, then fail with 503`,
            String(error),
          ),
      });
    } catch (error) {
      lock?.release();
      throw error;
    }
    if (url !== ':memory:') {
      checkpointer = startCheckpointer(url, CHECKPOINT_INTERVAL_MS, (error) =>
        onError('sqlite checkpoint failed', error),
      );
      problem = fileStillThere(url);
    }
  }
  const close = async () => {
    try {
      await kysely.destroy();
      await checkpointer?.stop();
    } finally {
      lock?.release(); // last: no write of this process's comes after the next server's first
    }
  };
  const scrubDeleted = async () => {
    if (kind !== 'sqlite') return;
    // A TRUNCATE checkpoint gives up (busy) while another connection checkpoints (the checkpointer's
    // thread) or reads an older snapshot, leaving the old frames in the WAL: try until it completes.
    for (const started = Date.now(); ; ) {
      const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(kysely);
      if (rows[0]?.busy === 0) return;
      if (Date.now() - started > SCRUB_TIMEOUT_MS) {
        throw new Error(
          `the rows are deleted, but the WAL still holds their old pages: another connection kept it busy for ${SCRUB_TIMEOUT_MS / 1000} s (run the erasure again)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  try {
    if (kind === 'postgres') await reachable(kysely, url);
    await migrateToLatest(kysely as Kysely<unknown>, kind);
  } catch (error) {
    await close();
    throw error;
  }
  return { kysely, kind, scrubDeleted, problem, close };
}

/**
 * SQLite keeps using the file it opened after the path stops naming it (deleted, or another file
 * moved over it): every query still answers and every write is acknowledged, into a file no one can
 * open any more, lost when the process ends. Only the path's inode tells; this compares it with the
 * one opened.
 */
function fileStillThere(path: string): () => string | undefined {
  const full = resolve(path);
  const opened = statSync(full);
  return () => {
    let now: ReturnType<typeof statSync>;
    try {
      now = statSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return `cannot read the database file ${full}: ${String(error)}`;
      return `the database file ${full} was deleted while the server runs: writes since go to the deleted file and are lost when the server stops; restore the file (from a backup) and restart the server`;
    }
    if (now.ino !== opened.ino || now.dev !== opened.dev)
      return `the database file ${full} was replaced by another file while the server runs: the server still writes to the old one; restart the server to use the new one`;
    return undefined;
  };
}

/**
 * Opens a SQLite file (created with its folder if missing) in WAL mode. A path that is not a database
 * made better-sqlite3 throw "file is not a database" or "unable to open database file", naming
 * neither the file nor the setting, which the CLI could only print as an unexpected error.
 */
function openSqliteFile(url: string): SQLite.Database {
  let sqlite: SQLite.Database | undefined;
  try {
    if (url !== ':memory:') {
      makeFolder(url);
      createPrivately(url);
    }
    sqlite = new SQLite(url);
    // The first statement that reads the file: a file that is not SQLite fails here, not at open.
    sqlite.pragma('journal_mode = WAL');
    return sqlite;
  } catch (error) {
    sqlite?.close();
    throw new ConfigError(`cannot open the database file ${resolve(url)}: ${sqliteOpenProblem(url, error)}`);
  }
}

/**
 * A new database file, readable and writable by this process's user only (0600). SQLite creates it
 * as the umask allows, commonly 0644: a file holding subscribers' feedback and email addresses
 * readable by every account on the machine. Its WAL and shared-memory files take the same mode
 * from it. An existing file keeps the mode the operator gave it.
 */
function createPrivately(url: string): void {
  try {
    closeSync(openSync(url, 'wx', 0o600));
  } catch {
    // There already (EEXIST: SQLite opens it as it is), or not creatable here (a folder by that name,
    // no write access): SQLite's open fails next, in the words of `sqliteOpenProblem`.
  }
}

/**
 * The database file's folder, made if missing. Node's own error named neither the database nor the
 * setting ("EEXIST: file already exists, mkdir …" for a file in the path), and `permission denied`
 * (EACCES) reached the start-up's port message: "not allowed to listen on port undefined".
 */
function makeFolder(url: string): void {
  try {
    mkdirSync(dirname(url), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'this process may not create it (make the folder, writable by this process, or give another --db / CANCELFLOW_DB)'
        : code === 'EEXIST' || code === 'ENOTDIR'
          ? 'a file, not a folder, stands in its path (give another --db / CANCELFLOW_DB)'
          : (error as Error).message;
    throw new ConfigError(
      `cannot create the folder ${resolve(dirname(url))} for the database file ${resolve(url)}: ${why}`,
    );
  }
}

/** Why a SQLite file could not be opened, in words that say what to change. */
function sqliteOpenProblem(url: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB') return 'it is not a SQLite database (give a new file or one a cancelflow server wrote)';
  if (statSync(url, { throwIfNoEntry: false })?.isDirectory())
    return 'it is a folder (give the path of a file in it, e.g. cancelflow.sqlite)';
  if (code === 'SQLITE_CANTOPEN')
    return 'SQLite cannot open it (does the process have write access to it and its folder?)';
  return (error as Error).message;
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  return url.replace(/^([^:/]+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/** A Postgres that cannot be reached says so, naming it, before the migrations would fail less clearly. */
async function reachable(kysely: Kysely<Database>, url: string): Promise<void> {
  try {
    await sql`select 1`.execute(kysely);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // pg's words for its timeout ("timeout exceeded when trying to connect") do not say what to check.
    const why = /timeout/i.test(message)
      ? `no answer within ${PG_CONNECT_TIMEOUT_MS / 1000} s (${message}): is the host and port right, and does a firewall let the server through?`
      : message;
    throw new ConfigError(`cannot connect to the database ${redacted(url)}: ${why}`);
  }
}

/** The SQLite connection and its settings (see `openDatabase`). */
function openSqlite(url: string, busy: BusyRetryOptions): Kysely<Database> {
  const sqlite = openSqliteFile(url);
  try {
    sqlite.pragma('synchronous = FULL');
    // SQLite's own wait for a lock would hold the event loop (better-sqlite3 is synchronous), and
    // with it every request: a lock is waited for between tries instead (`busy-retry.ts`).
    sqlite.pragma('busy_timeout = 0');
    // Erased data must not stay readable in freed pages of the file (see `scrubDeleted`).
    sqlite.pragma('secure_delete = ON');
    // 32 MB of page cache instead of 2: the events' primary key takes random ids, so inserts touch
    // pages all over its index.
    sqlite.pragma('cache_size = -32000');
    // SQLite's own lower() folds ASCII only, so a feedback search for "über" missed "Über" (Postgres's
    // folds every script): the same function, Unicode-aware, so one query serves both databases.
    sqlite.function('lower', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? value.toLowerCase() : value,
    );
    // The checkpointer keeps the WAL short; this is only the backstop should it fall behind.
    if (url !== ':memory:') sqlite.pragma('wal_autocheckpoint = 20000');
    return busyRetryingKysely<Database>(new TransactionalSqliteDialect({ database: withStatementCache(sqlite) }), busy);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
