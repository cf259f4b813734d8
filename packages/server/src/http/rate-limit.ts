import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.ts';
import { HttpError } from './errors.ts';

export interface BucketOptions {
  /** Requests allowed in a burst. */
  readonly burst: number;
  /** Sustained requests per second. */
  readonly perSecond: number;
}

/** Token buckets by key (an IP, a session): `take` spends one token per key, or throws a 429. */
export interface RateLimiter {
  take(keys: readonly string[], what: string): Promise<void>;
  /** Gives back a token `take` spent for `key` (up to the burst): the request was not what is limited. */
  refund(key: string): Promise<void>;
}

function limited(what: string, tokens: number, perSecond: number): HttpError {
  const retryAfter = Math.max(1, Math.ceil((1 - tokens) / perSecond));
  return new HttpError('rate_limited', `too many requests for this ${what}; retry in ${retryAfter} s`, {
    'retry-after': String(retryAfter),
  });
}

/** Buckets in this process's memory: right for one process (SQLite). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly options: BucketOptions;
  private readonly clock: () => number;
  constructor(options: BucketOptions, clock: () => number = () => performance.now()) {
    this.options = options;
    this.clock = clock;
  }

  async take(keys: readonly string[], what: string): Promise<void> {
    for (const key of keys) this.takeOne(key, what);
  }

  async refund(key: string): Promise<void> {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.options.burst, bucket.tokens + 1);
  }

  private takeOne(key: string, what: string): void {
    const now = this.clock();
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) throw limited(what, bucket.tokens, perSecond);
    bucket.tokens -= 1;
    if (this.buckets.size > 100_000) this.prune(now);
  }

  /** Drops full buckets (idle keys) so memory stays bounded. */
  private prune(now: number): void {
    const { burst, perSecond } = this.options;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }
}

/**
 * Buckets in Postgres, shared by every server process on it: one atomic upsert per request refills
 * each bucket by the time passed and spends a token only if one is there. `scope` keeps the per-IP and
 * per-session buckets apart. Clocks are the processes' own (`Date.now()`), which agree to well under
 * the refill interval on servers that keep time.
 */
export class DatabaseRateLimiter implements RateLimiter {
  private readonly db: Kysely<Database>;
  private readonly scope: string;
  private readonly options: BucketOptions;
  private readonly clock: () => number;
  constructor(db: Kysely<Database>, scope: string, options: BucketOptions, clock: () => number = Date.now) {
    this.db = db;
    this.scope = scope;
    this.options = options;
    this.clock = clock;
  }

  async take(keys: readonly string[], what: string): Promise<void> {
    if (keys.length === 0) return;
    const { burst, perSecond } = this.options;
    const now = this.clock();
    // In key order: two requests locking the same buckets in opposite orders would deadlock.
    const rows = [...new Set(keys)].sort().map((key) => sql`(${`${this.scope}:${key}`}, ${burst - 1}, ${now}, true)`);
    // Requests overlap, so `now` may be a little before the bucket's last refill: never refill backwards.
    const elapsedMs = sql`greatest(0, ${now}::bigint - rate_buckets.at_ms)`;
    const refill = sql`least(${burst}::float8, rate_buckets.tokens + ${elapsedMs} / 1000.0 * ${perSecond}::float8)`;
    const result = await sql<{ tokens: number; ok: boolean }>`
      insert into rate_buckets (key, tokens, at_ms, ok) values ${sql.join(rows)}
      on conflict (key) do update set
        tokens = case when ${refill} >= 1 then ${refill} - 1 else ${refill} end,
        at_ms = greatest(rate_buckets.at_ms, ${now}::bigint),
        ok = ${refill} >= 1
      returning tokens, ok`.execute(this.db);
    const refused = result.rows.find((row) => !row.ok);
    if (refused) throw limited(what, Number(refused.tokens), perSecond);
  }

  async refund(key: string): Promise<void> {
    await sql`update rate_buckets set tokens = least(${this.options.burst}::float8, tokens + 1)
      where key = ${`${this.scope}:${key}`}`.execute(this.db);
  }
}
