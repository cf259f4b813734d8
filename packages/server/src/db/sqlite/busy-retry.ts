import {
  type ConnectionProvider,
  type DatabaseConnection,
  DefaultConnectionProvider,
  DefaultQueryExecutor,
  type Dialect,
  type Driver,
  Kysely,
  type TransactionSettings,
} from 'kysely';

/**
 * How long a query or transaction waits, in all, for another program's write lock on the SQLite file
 * before it fails (and its request with 503 `unavailable`, `unavailable.ts`): as long as the
 * `busy_timeout` the server had before.
 */
export const BUSY_WAIT_MS = 5_000;
/** The first pause between two tries, doubled after each up to the second. */
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 100;

export interface BusyRetryOptions {
  /** The wait's bound (`BUSY_WAIT_MS`); 0 tries once. */
  readonly waitMs: number;
  /** Told when a wait starts after none was under way (once per episode, for the log). */
  readonly onBusy: (error: unknown) => void;
}

/**
 * A Kysely over `dialect` (SQLite's, one connection) that waits for another program's lock without
 * holding the event loop.
 *
 * better-sqlite3 is synchronous, so SQLite's own `busy_timeout` waits on the event loop: while an
 * operator's `sqlite3` shell or a backup tool held a write lock on the file, each write stopped the
 * whole process for up to 5 s — every other request, `/v1/health` and the widget's files with it. The
 * server sets `busy_timeout = 0`: SQLite answers SQLITE_BUSY at once, and this retries after a
 * `setTimeout` pause, with the connection released in between (other queries run meanwhile), until
 * `waitMs` have passed; then the error goes up as before.
 *
 * What is retried is everything that ran on the connection in one turn: one statement outside a
 * transaction (one that failed busy changed nothing), or a whole transaction, from its BEGIN — never a
 * statement in the middle of one. So a transaction's callback may run twice and must build its result
 * from scratch, with no effect outside the database (the group commit's writes already may).
 */
export function busyRetryingKysely<DB>(dialect: Dialect, options: BusyRetryOptions): Kysely<DB> {
  const driver = new OneAtATime(dialect.createDriver());
  const provider = new BusyRetry(new DefaultConnectionProvider(driver), options);
  const executor = new DefaultQueryExecutor(dialect.createQueryCompiler(), dialect.createAdapter(), provider);
  return new Kysely<DB>({ config: { dialect }, dialect, driver, executor });
}

/** SQLite says so: the file is locked by another connection (or its snapshot went stale meanwhile). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

class BusyRetry implements ConnectionProvider {
  private readonly inner: ConnectionProvider;
  private readonly options: BusyRetryOptions;
  /** How many units are between tries now. */
  private waiting = 0;
  /**
   * Whether the log heard of the current wait. Cleared by a success while no other unit waits: a
   * query that needs no lock (the health check's) succeeding meanwhile does not end the episode.
   */
  private told = false;

  constructor(inner: ConnectionProvider, options: BusyRetryOptions) {
    this.inner = inner;
    this.options = options;
  }

  async provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    const started = Date.now();
    let waited = false;
    try {
      for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
        try {
          const result = await this.inner.provideConnection(consumer);
          if (this.waiting === (waited ? 1 : 0)) this.told = false;
          return result;
        } catch (error) {
          const left = this.options.waitMs - (Date.now() - started);
          if (!isBusy(error) || left <= 0) throw error;
          if (!waited) {
            waited = true;
            this.waiting += 1;
          }
          if (!this.told) this.options.onBusy(error);
          this.told = true;
          await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
        }
      }
    } finally {
      if (waited) this.waiting -= 1;
    }
  }
}

/**
 * Hands out the driver's one connection to one user at a time, in turn, and initialises the driver on
 * first use: what Kysely's own wrapper does for SQLite, which `busyRetryingKysely` cannot reuse (it is
 * not exported).
 */
class OneAtATime implements Driver {
  private readonly inner: Driver;
  private ready: Promise<void> | undefined;
  /** Settles when the current user releases the connection. */
  private turn: Promise<void> = Promise.resolve();
  private endTurn: (() => void) | undefined;

  constructor(inner: Driver) {
    this.inner = inner;
  }

  init(): Promise<void> {
    this.ready ??= this.inner.init();
    return this.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.init();
    const previous = this.turn;
    let end!: () => void;
    this.turn = new Promise((resolve) => {
      end = resolve;
    });
    await previous;
    this.endTurn = end;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.endTurn?.();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async destroy(): Promise<void> {
    if (this.ready) await this.ready.catch(() => {});
    await this.inner.destroy();
  }
}
