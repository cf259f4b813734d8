import {
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite adapter says SQLite has no transactional DDL, so its migrator runs each statement
 * of a migration on its own: a process killed in the middle of one (a long backfill, a deploy that
 * gave up on the health check) left half of it committed and unrecorded, and every later start
 * failed on it ("table … already exists"). SQLite does roll back DDL with the transaction; saying so
 * makes the migrator run the pending migrations and their records in one transaction.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * SQLite ends a transaction by itself on some errors — a full disk (SQLITE_FULL), an I/O error — and
 * Kysely's ROLLBACK after the failed statement then fails too ("cannot rollback - no transaction is
 * active"), and that error replaced the one that said what was wrong: a full disk showed in the log
 * only as the failed rollback. A transaction SQLite already ended is not rolled back again.
 */
class EndedTransactionDriver extends SqliteDriver {
  private readonly inTransaction: () => boolean;

  constructor(config: SqliteDialectConfig, inTransaction: () => boolean) {
    super(config);
    this.inTransaction = inTransaction;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.inTransaction()) await super.rollbackTransaction(connection);
  }
}

/** A better-sqlite3 database as the dialect sees it, which tells whether a transaction is open. */
export type TrackedSqliteDatabase = SqliteDatabase & { readonly inTransaction: boolean };

/** `SqliteDialect` whose migrations are all or nothing, and whose errors are the ones SQLite gave (see above). */
export class TransactionalSqliteDialect extends SqliteDialect {
  private readonly settings: SqliteDialectConfig & { database: TrackedSqliteDatabase };

  constructor(config: SqliteDialectConfig & { database: TrackedSqliteDatabase }) {
    super(config);
    this.settings = config;
  }

  override createDriver(): Driver {
    const database = this.settings.database;
    return new EndedTransactionDriver(this.settings, () => database.inTransaction);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}
