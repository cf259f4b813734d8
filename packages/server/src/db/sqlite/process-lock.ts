import { hostname } from 'node:os';
import SQLite from 'better-sqlite3';
import { ConfigError } from '../../config/errors.ts';

/**
 * One server process per SQLite file, as scaling.md says: several processes are made safe on Postgres
 * only, and two writers on one SQLite file can apply the same decision twice (a request in flight is
 * known to its own process alone, `InFlight`). A second server on the file is refused at start.
 *
 * The lock is SQLite's own, on a small database of its own next to the file (`<file>.lock`): the
 * holder keeps a write transaction open (`BEGIN IMMEDIATE`, a RESERVED lock, no page written), so
 * another process's `BEGIN IMMEDIATE` fails at once, while it can still read who holds it. The
 * operating system drops the lock with the process that held it, `kill -9` and a crash included, so
 * there is nothing stale to clean up and no heartbeat to wait out. (The lock is not taken on the
 * database file itself: the checkpointer's connection and a backup read it beside the server.) The
 * lock file stays after the server stops; deleting it while a server runs would let a second one start.
 *
 * `cancelflow copy-db` takes the same lock on the file it copies from: a copy made while a server
 * writes misses what the server wrote after the copy read each table, and a server started during a
 * copy would write where the copy no longer looks. The holder row says which of the two holds it.
 */
export interface ProcessLock {
  release(): void;
}

/** Who takes the lock: a server for its whole life, or `cancelflow copy-db` for one copy. */
export type LockHolder = 'server' | 'copy-db';

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** Null in a row a server before copy-db took the lock wrote (its table has no such column), or a server's. */
  readonly command?: string | null;
}

/** Takes the lock of the SQLite file `file` (an absolute path) for this process, or throws a ConfigError naming the holder. */
export function lockSqliteFile(file: string, now: Date, as: LockHolder = 'server'): ProcessLock {
  const lockFile = `${file}.lock`;
  // No busy wait: a held lock is refused at once (it is held for a server's whole life).
  const db = openLockFile(lockFile, file);
  try {
    if (!tryBegin(db)) throw new ConfigError(inUse(file, readHolder(db), as));
    // Made anew by each holder, so a lock file an older server made gains the command column. (An
    // older server taking a lock file this one made leaves the column null: a server, as it is.)
    db.exec('drop table if exists holder');
    db.exec(
      'create table holder (id integer primary key check (id = 1), pid integer not null, host text not null, since text not null, command text)',
    );
    db.prepare('insert into holder (id, pid, host, since, command) values (1, ?, ?, ?, ?)').run(
      process.pid,
      hostname(),
      now.toISOString(),
      as,
    );
    // Committed so that a refused process can read who holds the file; then held again at once.
    db.exec('commit');
    // Another process may have begun in between: it holds the file now, and this one gives way.
    if (!tryBegin(db)) throw new ConfigError(inUse(file, readHolder(db), as));
  } catch (error) {
    db.close();
    throw error;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      db.exec('rollback');
      db.close();
    },
  };
}

/**
 * SQLite's own "unable to open database file" named neither file: it came before the database's
 * clearer errors, as the lock file is opened first (a folder this process may not write to).
 */
function openLockFile(lockFile: string, file: string): SQLite.Database {
  try {
    return new SQLite(lockFile, { timeout: 0 });
  } catch (error) {
    throw new ConfigError(
      `cannot open ${lockFile}, the lock file of the database ${file} (one server per SQLite file): ${(error as Error).message} ` +
        '(the process needs write access to the folder, which also holds the database and its WAL; the lock file must be a file)',
    );
  }
}

function tryBegin(db: SQLite.Database): boolean {
  try {
    db.exec('begin immediate');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  }
}

function readHolder(db: SQLite.Database): Holder | undefined {
  try {
    // The holder may be committing this moment (its lock briefly keeps readers out): a second is plenty.
    db.pragma('busy_timeout = 1000');
    // `*`: a lock file an older server holds has no command column.
    return db.prepare('select * from holder where id = 1').get() as Holder | undefined;
  } catch {
    return undefined; // no row yet (the holder is between its first begin and commit), or still busy
  }
}

function inUse(file: string, holder: Holder | undefined, refused: LockHolder): string {
  const which = holder && `process ${holder.pid} on ${holder.host}, started ${holder.since}`;
  if (holder?.command === 'copy-db')
    return (
      `the SQLite file ${file} is being copied by cancelflow copy-db (${which}): ` +
      (refused === 'server'
        ? 'a server writing to it now would write rows the copy has already passed. Start the server when the copy has ended (with --db / CANCELFLOW_DB naming the copy, if that is the move)'
        : 'one copy at a time; wait for that one to end')
    );
  const who = which ?? 'another process that is starting';
  if (refused === 'copy-db')
    return (
      `the SQLite file ${file} is in use by a cancelflow server (${who}): a copy made while it writes would miss what it writes ` +
      'after the copy has read each table. Stop that server first; to try the copy while it runs, copy a backup of the file ' +
      '(sqlite3 FILE ".backup BACKUP", docs/scaling.md#from-sqlite-to-postgres)'
    );
  return (
    `the SQLite file ${file} is in use by another cancelflow server (${who}): a SQLite file serves one server process, ` +
    'two would apply the same decisions twice. Stop that one first, give this one another --db / CANCELFLOW_DB, ' +
    'or move to Postgres to run several (docs/scaling.md)'
  );
}
