import type { Context } from 'hono';
import { secretMatches } from '../crypto.ts';
import { clientKey } from './client.ts';
import type { RateLimiter } from './rate-limit.ts';

const WHAT = "address's wrong admin keys";

/**
 * Whether a presented admin key is right, with wrong ones limited per client IP (an IPv6 client's
 * /64, see clientKey): the per-IP request limit alone let one address try 20 keys a second, and the
 * server only warns about a short key. Once an address has used up its wrong guesses, every key it
 * presents is answered 429 until the bucket refills, the right one too: were the right key let
 * through, a 429 would just mean "wrong" and the guessing would go on at full speed.
 *
 * Every key spends a guess before it is compared, and the right one gives it back. Checked first and
 * spent only once found wrong, keys sent at once all passed the check before any was spent (on
 * Postgres, where the check and the spending are two queries): one address tried as many keys as it
 * could send together for each guess it had. The cost: more requests with the right key at the same
 * moment than the burst (10) get 429 too; the dashboard's cookie spends none.
 */
export class AdminKeyGuesses {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly trustProxy: boolean,
  ) {}

  /** True when `presented` is the admin key; a 429 while this address may not guess. */
  async matches(c: Context, presented: string, adminKey: string): Promise<boolean> {
    const ip = clientKey(c, this.trustProxy);
    await this.limiter.take([ip], WHAT);
    if (!secretMatches(presented, adminKey)) return false;
    await this.limiter.refund(ip);
    return true;
  }
}
