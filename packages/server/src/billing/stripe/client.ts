import Stripe from 'stripe';
import type { StripeBillingConfig } from '../../config/sites.ts';
import { withinMs } from '../../deadline.ts';
import type { Logger } from '../../http/log.ts';
import { BillingError } from '../types.ts';

/** How long one Stripe request may take before its outcome counts as unknown. */
const TIMEOUT_MS = 10_000;

/**
 * How long one decision's Stripe calls may take in all before its outcome counts as unknown. The SDK's
 * `timeout` only ends a request whose socket stays idle that long: an answer that trickles in byte by
 * byte never trips it. Well inside the server's 60 s lease on a decision (docs/scaling.md).
 */
const DECISION_DEADLINE_MS = 45_000;
/** The same for a `lookup` at a session's start, which the subscriber's first screen may wait for. */
const LOOKUP_DEADLINE_MS = TIMEOUT_MS;

export interface StripeClientOptions {
  readonly timeoutMs?: number;
  /** Overrides DECISION_DEADLINE_MS and LOOKUP_DEADLINE_MS (tests). */
  readonly deadlineMs?: number;
  /**
   * The SDK's own retries of one request (same idempotency key, so they never apply twice). Default 1,
   * as the SDK does; the tests set 0 to see a timeout surface as an unknown outcome.
   */
  readonly maxNetworkRetries?: number;
  /** Where a decision that ends after its deadline is reported (the server's log). */
  readonly log?: Logger;
}

/** The official SDK, at the API version it was released with (its types describe exactly that version). */
export function stripeClient(config: StripeBillingConfig, options: StripeClientOptions = {}): Stripe {
  const base = config.apiBase ? new URL(config.apiBase) : undefined;
  const http = base?.protocol === 'http:';
  return new Stripe(config.secretKey, {
    timeout: options.timeoutMs ?? TIMEOUT_MS,
    maxNetworkRetries: options.maxNetworkRetries ?? 1,
    telemetry: false,
    ...(base && { host: base.hostname, port: base.port || (http ? 80 : 443), protocol: http ? 'http' : 'https' }),
  });
}

/**
 * Runs one decision's Stripe mutations, each under its own idempotency key derived from the
 * decision's (`accept:sess_…:coupon`, `…:subscription`), so a retry of the decision replays what
 * Stripe already did instead of doing it again. Remembers whether any of them went through: after
 * that, a failure leaves the decision half applied, which only the same request may finish.
 */
export class Mutations {
  applied = false;
  /**
   * The decision's deadline passed: its caller was answered "unknown", and the server no longer holds
   * the decision for it (the lease is released, so another session's cancel may go ahead).
   */
  private late = false;
  constructor(readonly key: string) {}

  /**
   * From now on no mutation starts. The abandoned attempt still runs (a request cannot be called
   * back), and a mutation it started after the deadline would act on what it read before another
   * session's decision: two cancels each read "nothing refunded yet" and each refund. Only the
   * decision's retry (the same keys, reading afresh) may finish it.
   */
  abandon(): void {
    this.late = true;
  }

  /**
   * `changesSubscription: false` for a mutation that changes nothing of the subscriber's until a later
   * one uses it (a coupon made for this acceptance): a refusal after it still leaves nothing applied.
   */
  async run<T>(
    step: string,
    call: (options: Stripe.RequestOptions) => Promise<T>,
    changesSubscription = true,
  ): Promise<T> {
    if (this.late) {
      throw new BillingError(`not started after the deadline: ${step} (${this.key})`, { outcome: 'unknown' });
    }
    const result = await call({ idempotencyKey: `${this.key}:${step}` });
    if (changesSubscription) this.applied = true;
    return result;
  }

  /**
   * A change of this decision found already made in Stripe (by an earlier try whose answer was lost,
   * or the SDK's own retry of it): from here on, as after a mutation of this try, a failure leaves the
   * decision half applied. Answering "refused" would tell the subscriber nothing changed and drop the
   * server's claim, so nobody would finish it.
   */
  inPlace(): void {
    this.applied = true;
  }
}

/** Stripe error classes (`error.type`) whose request was not carried out: the subscriber can choose again. */
const REFUSED = new Set([
  'StripeCardError',
  'StripeInvalidRequestError',
  'StripeAuthenticationError',
  'StripePermissionError',
]);

/**
 * Runs `work` and turns what Stripe threw into a BillingError: a card, permission or invalid-request
 * error is a refusal (nothing applied); a timeout, a connection error, a 5xx, a rate limit or an
 * idempotency conflict leaves the outcome unknown (Stripe may have applied it, or will on a retry of
 * the same request). Once one mutation went through, every failure is unknown.
 */
export async function withStripeErrors<T>(
  what: string,
  key: string,
  work: (mutations: Mutations) => Promise<T>,
  { deadlineMs = DECISION_DEADLINE_MS, log }: { deadlineMs?: number; log?: Logger | undefined } = {},
): Promise<T> {
  const mutations = new Mutations(key);
  const running = work(mutations);
  const late = () => {
    mutations.abandon();
    // What the abandoned attempt did in the end, for whoever reconciles the decision in Stripe.
    running.then(
      () => log?.({ level: 'warn', msg: 'stripe decision finished after its deadline', what, key }),
      (error: unknown) =>
        log?.({ level: 'warn', msg: 'stripe decision stopped after its deadline', what, key, error: String(error) }),
    );
  };
  try {
    return await withDeadline(running, deadlineMs, what, late);
  } catch (error) {
    throw toBillingError(error, what, mutations.applied);
  }
}

/**
 * `work`, or an unknown outcome once `ms` have passed: a request under way may still be carried out,
 * and a retry of the decision replays it under the same idempotency keys. `onLate` runs as the
 * deadline passes, before the caller hears of it.
 */
export const withDeadline = <T>(work: Promise<T>, ms: number, what: string, onLate?: () => void): Promise<T> =>
  withinMs(
    work,
    ms,
    () => new BillingError(`Stripe did not answer in ${ms / 1000} s: ${what}`, { outcome: 'unknown' }),
    onLate,
  );

export const deadlinesOf = (options: StripeClientOptions) => ({
  decision: options.deadlineMs ?? DECISION_DEADLINE_MS,
  lookup: options.deadlineMs ?? LOOKUP_DEADLINE_MS,
});

export function toBillingError(error: unknown, what: string, applied: boolean): BillingError {
  if (error instanceof BillingError) {
    return applied && error.outcome === 'refused'
      ? new BillingError(`${error.message} (after part of it was applied)`, { outcome: 'unknown', cause: error })
      : error;
  }
  if (error instanceof Stripe.errors.StripeError) {
    const refused = REFUSED.has(error.type) && (error.statusCode ?? 400) < 500 && !applied;
    const detail = [error.code, error.decline_code, error.statusCode && `HTTP ${error.statusCode}`].filter(Boolean);
    return new BillingError(
      `Stripe ${refused ? 'refused to' : 'did not confirm that it did'} ${what}: ${error.message} (${detail.join(', ')})`,
      {
        outcome: refused ? 'refused' : 'unknown',
        cause: error,
      },
    );
  }
  return new BillingError(`${what} failed: ${String(error)}`, {
    outcome: applied ? 'unknown' : 'refused',
    cause: error,
  });
}
