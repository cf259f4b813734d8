import type { Kysely, Transaction } from 'kysely';
import type { Database } from './tables.ts';
import { databaseUnavailable } from './unavailable.ts';

/** One request's writes. It may run twice (see `commit`), so it must build its result from scratch. */
export type Write<R> = (trx: Transaction<Database>) => Promise<R>;

interface Pending {
  readonly write: Write<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Most writes one transaction takes; a larger backlog is split so no group holds the lock for long. */
const MAX_GROUP = 64;

/**
 * Group commit: writes submitted by concurrent requests share one transaction, so they pay for one
 * commit (one fsync under `synchronous=FULL`) instead of one each. A write's promise resolves only
 * after the transaction holding it has committed, so a request that answers after `await submit()`
 * still acknowledges only durable data.
 *
 * Grouping needs no timer: a write submitted while the database is idle waits for the current turn
 * of the event loop to end (so requests that arrived together go together); writes submitted while a
 * group commits form the next group. If a group's transaction fails, each of its writes is retried in
 * a transaction of its own, so one failing write fails only its own request — unless the database
 * itself failed (`databaseUnavailable`), which would fail each of them the same way.
 */
export class GroupCommit {
  private readonly db: Kysely<Database>;
  private queue: Pending[] = [];
  private running = false;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  submit<R>(write: Write<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      await this.commit(this.queue.splice(0, MAX_GROUP));
      // Let the requests that arrived during that commit reach `submit` and join the next group.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.running = false;
  }

  private async commit(group: Pending[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.db.transaction().execute(async (trx) => {
        const out: unknown[] = [];
        for (const pending of group) out.push(await pending.write(trx));
        return out;
      });
    } catch (error) {
      // The database itself failing (locked past the wait, unreachable, a full disk) fails every
      // write alike: trying each on its own then made the last of a group of 64 wait 64 times as long
      // for its 503 (on SQLite, 64 × 5 s behind another program's lock).
      if (group.length === 1 || databaseUnavailable(error)) {
        for (const pending of group) pending.reject(error);
        return;
      }
      for (const pending of group) {
        await this.db.transaction().execute(pending.write).then(pending.resolve, pending.reject);
      }
      return;
    }
    for (const [i, pending] of group.entries()) pending.resolve(results[i]);
  }
}
