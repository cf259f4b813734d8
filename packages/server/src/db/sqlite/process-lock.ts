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
 * database file itself: the checkpointer's connection, a backup or `cancelflow copy-db` read it
 * beside the server.) The lock file stays after the server stops; deleting it while a server runs
 * would let a second one start.
 */
export interface ProcessLock {
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Takes the lock of the SQLite file `file` (an absolute path) for this process, or throws a ConfigError naming the holder. */
export function lockSqliteFile(file: string, now: Date): ProcessLock {
  const lockFile = `${file}.lock`;
  // No busy wait: a held lock is refused at once (it is held for a server's whole life).
  const db = new SQLite(lockFile, { timeout: 0 });
  try {
    if (!tryBegin(db)) throw new ConfigError(inUse(file, readHolder(db)));
    db.exec(
      'create table if not exists holder (id integer primary key check (id = 1), pid integer not null, host text not null, since text not null)',
    );
    db.prepare('insert or replace into holder (id, pid, host, since) values (1, ?, ?, ?)').run(
      process.pid,
      hostname(),
      now.toISOString(),
    );
    // Committed so that a refused process can read who holds the file; then held again at once.
    db.exec('commit');
    // Another process may have begun in between: it holds the file now, and this one gives way.
    if (!tryBegin(db)) throw new ConfigError(inUse(file, readHolder(db)));
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
    return db.prepare('select pid, host, since from holder where id = 1').get() as Holder | undefined;
  } catch {
    return undefined; // no row yet (the holder is between its first begin and commit), or still busy
  }
}

function inUse(file: string, holder: Holder | undefined): string {
  const who = holder
    ? `process ${holder.pid} on ${holder.host}, started ${holder.since}`
    : 'another process that is starting';
  return (
    `the SQLite file ${file} is in use by another cancelflow server (${who}): a SQLite file serves one server process, ` +
    'two would apply the same decisions twice. Stop that one first, give this one another --db / CANCELFLOW_DB, ' +
    'or move to Postgres to run several (docs/scaling.md)'
  );
}
