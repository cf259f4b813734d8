import ky from 'ky';
import type { Kysely } from 'kysely';
import type { SiteRegistry } from '../config/sites.ts';
import type { Database, OutboxRow } from '../db/tables.ts';
import type { Logger } from '../http/log.ts';
import { drain, finishWithin, Wakeup } from '../outbox/drain.ts';
import { signatureHeader } from './sign.ts';

export interface WebhookSenderOptions {
  /** How often the outbox is polled when nothing wakes the sender. */
  readonly pollMs: number;
  /** First retry delay; doubles per attempt up to `maxDelayMs`, with full jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** After this many failed attempts a delivery is marked failed (kept, visible, never retried). */
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  /** Deliveries sent at once; one site gets at most half of them (see outbox/drain.ts). */
  readonly concurrency: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookSenderOptions = {
  pollMs: 5_000,
  baseDelayMs: 10_000,
  maxDelayMs: 6 * 60 * 60 * 1000,
  maxAttempts: 20,
  timeoutMs: 10_000,
  concurrency: 8,
};

/** "Full jitter" exponential backoff: uniform in [0, min(max, base·2^(attempt−1))], at least base/2. */
export function backoffMs(attempt: number, options: WebhookSenderOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.max(options.baseDelayMs / 2, Math.round(random() * ceiling));
}

/**
 * An outbox row's columns after its `attempt`-th failed send (webhooks and mail alike): released,
 * retried after the backoff, or marked failed once `maxAttempts` is reached.
 */
export function failedAttempt(attempt: number, error: string, now: Date, options: WebhookSenderOptions) {
  const giveUp = attempt >= options.maxAttempts;
  return {
    giveUp,
    changes: {
      attempts: attempt,
      locked_until: null,
      last_error: error.slice(0, 500),
      next_attempt_at: new Date(now.getTime() + backoffMs(attempt, options)).toISOString(),
      failed_at: giveUp ? now.toISOString() : null,
    },
  };
}

/**
 * Delivers the outbox: at-least-once, in a loop, until stopped. A delivery is claimed with a lease
 * (`locked_until`), so several server instances on one Postgres never send the same row at once,
 * and a crash mid-send only delays it until the lease runs out. Receivers make it exactly-once by
 * ignoring a `Cancelflow-Delivery` id they have already processed.
 */
export class WebhookSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Ends the current pass's wait for a slot when a row is queued (see outbox/drain.ts). */
  private readonly woken = new Wakeup();
  /** Aborts the deliveries in flight when a stop's grace runs out. */
  private halt = new AbortController();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sites: SiteRegistry,
    private readonly log: Logger,
    private readonly options: WebhookSenderOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.stopped = false;
    if (this.halt.signal.aborted) this.halt = new AbortController();
    this.wake();
  }

  /** Runs a pass now (or right after the current one). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      this.woken.wake();
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .catch((error) => this.log({ level: 'error', msg: 'webhook pass failed', error: String(error) }))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.options.pollMs);
          this.timer.unref();
        }
      });
  }

  /**
   * Stops polling and waits for deliveries in flight, at most `graceMs`: then they are aborted and
   * count as failed tries, retried after the backoff by whichever process runs next.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.woken.wake();
    await finishWithin(this.running, graceMs, () => this.halt.abort());
  }

  private pass(): Promise<void> {
    return drain({
      concurrency: this.options.concurrency,
      due: (exclude, limit) => {
        const now = this.now().toISOString();
        let query = this.db
          .selectFrom('webhook_outbox')
          .selectAll()
          .where('delivered_at', 'is', null)
          .where('failed_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]));
        if (exclude.length) query = query.where('id', 'not in', exclude);
        return query.orderBy('next_attempt_at').limit(limit).execute();
      },
      deliver: async (row) => {
        if (await this.claim(row)) await this.deliver(row);
      },
      stopped: () => this.stopped,
      woken: this.woken,
      pollMs: this.options.pollMs,
    });
  }

  private async claim(row: OutboxRow): Promise<OutboxRow | undefined> {
    const now = this.now();
    const result = await this.db
      .updateTable('webhook_outbox')
      .set({ locked_until: new Date(now.getTime() + this.options.timeoutMs * 3).toISOString() })
      .where('id', '=', row.id)
      .where('delivered_at', 'is', null)
      // Only the row as it was read: every finished try changes `attempts`, so a row another process
      // tried (and released) since is left to its backoff instead of being sent again at once.
      .where('attempts', '=', row.attempts)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? row : undefined;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const target = this.sites.get(row.site_id)?.webhooks;
    const attempt = row.attempts + 1;
    let error: string | undefined;
    if (!target) {
      error = 'the site has no webhook endpoint configured any more';
    } else {
      try {
        const response = await ky.post(target.url, {
          body: row.body,
          headers: {
            'content-type': 'application/json',
            'cancelflow-delivery': row.id,
            'cancelflow-signature': signatureHeader(target.secret, row.body, Math.floor(this.now().getTime() / 1000)),
          },
          timeout: this.options.timeoutMs,
          signal: this.halt.signal,
          retry: 0,
          redirect: 'manual',
          throwHttpErrors: true,
        });
        // A 2xx status delivers it, whatever the body says: the body is not read but cancelled, which
        // releases the connection. (Reading it, as before, kept an answer that never ends in memory and
        // the delivery unrecorded until the timeout, which then counted the delivered webhook as failed.)
        await response.body?.cancel().catch(() => {});
      } catch (cause) {
        error = this.halt.signal.aborted ? 'the server stopped before the receiver answered' : describeFailure(cause);
      }
    }
    const now = this.now();
    if (error === undefined) {
      await this.db
        .updateTable('webhook_outbox')
        .set({ delivered_at: now.toISOString(), attempts: attempt, locked_until: null, last_error: null })
        .where('id', '=', row.id)
        .execute();
      return;
    }
    const { giveUp, changes } = failedAttempt(attempt, error, now, this.options);
    await this.db.updateTable('webhook_outbox').set(changes).where('id', '=', row.id).execute();
    this.log({ level: giveUp ? 'error' : 'warn', msg: 'webhook delivery failed', delivery: row.id, attempt, error });
  }
}

function describeFailure(cause: unknown): string {
  if (cause && typeof cause === 'object' && 'response' in cause) {
    const response = (cause as { response?: Response }).response;
    if (response) return `HTTP ${response.status}`;
  }
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
