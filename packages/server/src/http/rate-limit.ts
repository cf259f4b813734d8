import { HttpError } from './errors.ts';

export interface BucketOptions {
  /** Requests allowed in a burst. */
  readonly burst: number;
  /** Sustained requests per second. */
  readonly perSecond: number;
}

/**
 * Token buckets in memory, one per key (an IP, a session). Per process: behind several instances,
 * put a shared limiter (the proxy's) in front as well.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly options: BucketOptions;
  private readonly clock: () => number;
  constructor(options: BucketOptions, clock: () => number = () => performance.now()) {
    this.options = options;
    this.clock = clock;
  }

  /** Takes one token for `key`, or throws a 429 saying when to retry. */
  take(key: string, what: string): void {
    const now = this.clock();
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
      throw new HttpError('rate_limited', `too many requests for this ${what}; retry in ${retryAfter} s`, {
        'retry-after': String(retryAfter),
      });
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
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
