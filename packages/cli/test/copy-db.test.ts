import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, seedSubscriptions, startServer } from '@cancelflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, main, nodeIo } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cancelflow-cli-copy-'));
const from = join(dir, 'from.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Not SQLite files: docs/cli.md promises a usage error for them (it was an "unexpected error", exit 1,
// and the empty one was "migrated" and copied as 0 rows, successfully).
const notes = join(dir, 'notes.txt');
writeFileSync(notes, 'not a database\n');
const empty = join(dir, 'empty.sqlite');
writeFileSync(empty, '');

async function run(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    ...nodeIo(),
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  };
  return { code: await main(argv, io), ...out };
}

beforeAll(async () => {
  const db = await openDatabase(from);
  try {
    await seedSubscriptions(db.kysely, 'acme', [{ subscriberId: 'cus_1' }, { subscriberId: 'cus_2', plan: 'team' }]);
  } finally {
    await db.close();
  }
});

describe('cancelflow copy-db', () => {
  it('copies into a new database, says how many rows and what to start the servers with', async () => {
    const to = join(dir, 'to.sqlite');
    const { code, stdout } = await run('copy-db', '--from', from, '--to', to);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}subscriptions +2$/m);
    expect(stdout).toContain(`copied 2 rows from ${from} to ${to}`);
    expect(stdout).toContain(`CANCELFLOW_DB=${to}`);
    const copied = await openDatabase(to);
    const rows = await copied.kysely
      .selectFrom('subscriptions')
      .select('subscriber_id')
      .orderBy('subscriber_id')
      .execute();
    await copied.close();
    expect(rows.map((r) => r.subscriber_id)).toEqual(['cus_1', 'cus_2']);

    const again = await run('copy-db', '--from', from, '--to', to);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('the target already holds rows in "subscriptions"');
    expect(again.stderr).toContain(`nothing was written to ${to}`);
  });

  it('refuses a file a server still holds, naming its process; copies once it has stopped', async () => {
    const held = join(dir, 'held.sqlite');
    const seeded = await openDatabase(held);
    await seedSubscriptions(seeded.kysely, 'acme', [{ subscriberId: 'cus_1' }]);
    await seeded.close();
    const server = await startServer({
      port: 0,
      db: held,
      widgetDir: false,
      handleSignals: false,
      log: false,
      env: {},
    });
    const to = join(dir, 'held-to.sqlite');
    try {
      // It copied while the server kept writing: rows written after it read a table were not copied.
      const refused = await run('copy-db', '--from', held, '--to', to);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `cancelflow copy-db: the SQLite file ${held} is in use by a cancelflow server (process ${process.pid} on `,
      );
      expect(refused.stderr).toContain('Stop that server first');
      expect(refused.stdout).toBe('');
    } finally {
      await server.close();
    }
    const copied = await run('copy-db', '--from', held, '--to', to);
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain(`copied 1 row from ${held}`);
  });

  it('refuses, with a usage error, what it cannot copy', async () => {
    const cases: [string[], RegExp][] = [
      [['--to', join(dir, 'x.sqlite')], /give both --from <sqlite file> and --to/],
      [['--from', join(dir, 'missing.sqlite'), '--to', join(dir, 'y.sqlite')], /missing\.sqlite: no such file/],
      [['--from', 'postgres://u@h/db', '--to', join(dir, 'z.sqlite')], /--from must be a SQLite file/],
      [['--from', from, '--to', from], /--to must be another database/],
      [['--from', notes, '--to', join(dir, 'n.sqlite')], /notes\.txt is not a SQLite database/],
      [['--from', empty, '--to', join(dir, 'e.sqlite')], /empty\.sqlite is not a SQLite database/],
      [['--from', dir, '--to', join(dir, 'd.sqlite')], / is a folder, not a SQLite file/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run('copy-db', ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
    // Refused before opening: nothing was written into them.
    expect(readFileSync(notes, 'utf8')).toBe('not a database\n');
    expect(readFileSync(empty, 'utf8')).toBe('');
  });
});
