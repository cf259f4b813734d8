import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { ConfigError, CopyError, copyDatabase, type Db, openDatabase, redacted } from '@cancelflow/server';
import { COPY_DB_HELP } from '../help.ts';
import type { CliIo } from '../io.ts';
import { parse, UsageError } from '../usage.ts';

/** `cancelflow copy-db --from <sqlite file> --to <postgres://… or file>`: the move from one process to several. */
export async function copyDbCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    args,
    { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    false,
    { from: '.data/cancelflow.sqlite', to: 'postgres://cancelflow:…@db/cancelflow' },
  );
  if (values.help) {
    io.stdout(COPY_DB_HELP);
    return 0;
  }
  const { from, to } = values;
  if (!from || !to) throw new UsageError('give both --from <sqlite file> and --to <postgres://… or file>');
  if (/^postgres(ql)?:\/\//i.test(from))
    throw new UsageError('--from must be a SQLite file; copy between Postgres databases with pg_dump');
  // Opening a missing file would create an empty database and copy nothing, successfully.
  if (!existsSync(from)) throw new UsageError(`--from ${from}: no such file`);
  const notSqlite = notASqliteFile(from);
  if (notSqlite) throw new UsageError(`--from ${from} ${notSqlite}`);
  if (to === from) throw new UsageError('--to must be another database than --from');

  const opened: Db[] = [];
  try {
    // Locked as a server locks it: a server writing meanwhile would write rows the copy has passed
    // (refused, naming the server's process), and none may start on it until the copy has ended.
    const source = await openDatabase(from, undefined, { lock: 'copy-db' });
    opened.push(source);
    const target = await openDatabase(to);
    opened.push(target);
    const started = Date.now();
    const { rows, cleaned } = await copyDatabase(source, target, (table, n) =>
      io.stdout(`  ${table.padEnd(24)} ${n}\n`),
    );
    const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
    for (const [table, values] of Object.entries(cleaned))
      io.stdout(`note: ${values} text value(s) in "${table}" held a NUL character (U+0000), copied without it\n`);
    io.stdout(
      `copied ${total} ${total === 1 ? 'row' : 'rows'} from ${from} to ${redacted(to)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        `start the servers with CANCELFLOW_DB=${redacted(to)} (or --db)\n`,
    );
    return 0;
  } catch (error) {
    // A database that cannot be opened (ConfigError names it), or a copy that failed.
    if (error instanceof ConfigError) io.stderr(`cancelflow copy-db: ${error.message}\n`);
    else if (error instanceof CopyError)
      io.stderr(
        `cancelflow copy-db: ${error.message}; ${error.written ? `empty ${redacted(to)} before copying again` : `nothing was written to ${redacted(to)}`}\n`,
      );
    else throw error;
    return 1;
  } finally {
    await Promise.all(opened.map((db) => db.close()));
  }
}

/** Every SQLite database file starts with these 16 bytes (sqlite.org/fileformat.html, "The Database Header"). */
const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Why `from` is not a SQLite file a server wrote, else undefined. Checked before opening it: the
 * migrations would otherwise run on it (writing into an empty file), and SQLite's own refusal of
 * another file read "unexpected error: file is not a database", naming neither the file nor the option.
 */
function notASqliteFile(from: string): string | undefined {
  if (statSync(from).isDirectory())
    return 'is a folder, not a SQLite file (give the file the server used: --db / CANCELFLOW_DB)';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(from, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1') === SQLITE_HEADER
    ? undefined
    : 'is not a SQLite database (give the file the server used: --db / CANCELFLOW_DB)';
}
