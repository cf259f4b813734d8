import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG } from './backends.ts';
import { ADMIN_KEY, type Reply, send, startTestServer, type TestServer } from './helpers.ts';
import { until } from './receiver.ts';

// Guesses at the admin key sent at once, on Postgres, where the guess buckets are rows shared by every
// process. A key used to be counted only after it was compared, and let through when the bucket had a
// token at the moment it was checked: keys sent together all passed the check before any was counted,
// so one address tried as many keys as it could send at once for one guess. The test holds the
// bucket's row locked (reads still see it), so that guesses in flight stay in flight without any
// timing, and sends the right key behind them.
describe.skipIf(!TEST_PG)('admin key guesses sent at once (postgres)', () => {
  let t: TestServer;
  let lock: pg.Client;
  let watch: pg.Client;
  const ip = '203.0.113.77';
  const bearer = (key: string) =>
    send(`${t.url}/v1/admin/insights/summary`, { headers: { 'x-forwarded-for': ip, authorization: `Bearer ${key}` } });
  /** The server's queries waiting for a lock: requests held at the bucket's row. */
  const waiting = async () => {
    // Not from `lock`'s connection: pg_stat_activity stays as first read for the rest of a transaction.
    const { rows } = await watch.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and wait_event_type = 'Lock'",
    );
    return rows[0]?.n ?? 0;
  };

  beforeAll(async () => {
    t = await startTestServer({
      backend: 'postgres',
      trustProxy: true,
      rateLimits: {
        perIp: { burst: 1000, perSecond: 1000 },
        perSession: { burst: 1000, perSecond: 1000 },
        // Two wrong keys, then (practically) none: the refill is not what is tested.
        adminKeyGuesses: { burst: 2, perSecond: 0.0001 },
      },
    });
    lock = new pg.Client({ connectionString: t.dbFile });
    watch = new pg.Client({ connectionString: t.dbFile });
    await Promise.all([lock.connect(), watch.connect()]);
  });
  afterAll(async () => {
    await Promise.all([lock?.end(), watch?.end()]);
    await t?.close();
  });

  it('counts a key while it is being tried: the right key behind wrong ones in flight gets 429 once they spent the last guess', async () => {
    expect((await bearer('guess-0')).status).toBe(401); // one guess left
    await lock.query('begin');
    await lock.query('select * from rate_buckets where key = $1 for update', [`admin-key:${ip}`]);
    const wrong = Array.from({ length: 5 }, (_, i) => bearer(`guess-${i + 1}`));
    await until(async () => (await waiting()) === 5, 10_000, 'the wrong keys to reach the bucket');
    let right: Reply | undefined;
    const rightReply = bearer(ADMIN_KEY).then((reply) => {
      right = reply;
      return reply;
    });
    // Answered at once if it is not counted; otherwise in line behind the wrong keys.
    await until(async () => right !== undefined || (await waiting()) === 6, 10_000, 'the right key');
    await lock.query('commit');
    const statuses = (await Promise.all(wrong)).map((r) => r.status).sort();
    // The first wrong key spent the last guess; the other four, and the right key after them, got 429.
    expect(statuses).toEqual([401, 429, 429, 429, 429]);
    expect((await rightReply).status).toBe(429);
  });
});
