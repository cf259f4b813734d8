import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.ts';
import { HttpError } from '../src/http/errors.ts';
import { DatabaseRateLimiter } from '../src/http/rate-limit.ts';
import { openDatabase } from '../src/index.ts';
import { createPgDatabase, TEST_PG } from './backends.ts';

/** The buckets several processes share on Postgres (http/rate-limit.ts), spent through the real table. */
describe.runIf(TEST_PG)('shared rate limits (Postgres)', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const pg = await createPgDatabase();
    drop = pg.drop;
    db = await openDatabase(pg.url);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const limiter = (scope: string, times: number[], burst = 5, perSecond = 1000) =>
    new DatabaseRateLimiter(db.kysely, scope, { burst, perSecond }, () => times.shift() ?? 0);
  const outcome = (p: Promise<void>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof HttpError ? `${e.status} retry-after=${e.headers['retry-after']}` : String(e)),
    );

  it('spends the burst, refuses with Retry-After, and refills with time', async () => {
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await outcome(limiter('a', [0], 2, 1).take(['k'], 'address')));
    expect(taken).toEqual(['ok', 'ok', '429 retry-after=1']);
    expect(await outcome(limiter('a', [1000], 2, 1).take(['k'], 'address'))).toBe('ok');
  });

  it('a request whose clock reads a little earlier than the last one is not refused (no refill backwards)', async () => {
    // Overlapping requests reach the database out of order: 10 ms back at 1,000 tokens/s was −10 tokens.
    expect(await outcome(limiter('b', [10_000]).take(['k'], 'session'))).toBe('ok');
    expect(await outcome(limiter('b', [9_990]).take(['k'], 'session'))).toBe('ok');
  });

  it('takes one token from each session of a batch at once, and refuses if any has none', async () => {
    const at = (ms: number) => limiter('c', [ms], 1, 0.001);
    expect(await outcome(at(0).take(['s1', 's2'], 'session'))).toBe('ok');
    expect(await outcome(at(0).take(['s3', 's1'], 'session'))).toMatch(/^429/);
  });
});
