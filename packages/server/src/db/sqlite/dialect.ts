import { type DialectAdapter, SqliteAdapter, SqliteDialect } from 'kysely';

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

/** `SqliteDialect` whose migrations are all or nothing (see above). */
export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}
