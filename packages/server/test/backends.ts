import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type Backend = 'sqlite' | 'postgres';

/**
 * A Postgres server for the storage tests, e.g. `postgres://postgres@127.0.0.1:54329/postgres`
 * (`packages/server/scripts/pg-test-db.sh start` starts one and prints it). Unset: SQLite only.
 */
export const TEST_PG = process.env.CANCELFLOW_TEST_PG || undefined;

/** The databases the storage tests run on: SQLite always, Postgres too when CANCELFLOW_TEST_PG is set. */
export const BACKENDS: readonly Backend[] = TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];

async function onAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server (test files run in parallel; each gets its own). */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_PG) throw new Error('CANCELFLOW_TEST_PG is not set');
  const name = `cancelflow_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(TEST_PG);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      onAdmin(async (c) => {
        // pg's pool.end() resolves before its sockets have closed: wait (up to 20 s, a slow machine) for the server to see them go,
        // so a connection the server really leaked makes the drop fail instead of being killed.
        for (let i = 0; i < 1000; i++) {
          const open = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (open.rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await c.query(`drop database if exists ${name}`);
      }),
  };
}
