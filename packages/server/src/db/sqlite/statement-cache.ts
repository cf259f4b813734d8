import type { Database, Statement } from 'better-sqlite3';
import type { TrackedSqliteDatabase } from './dialect.ts';

/** Enough for every distinct statement the server runs; the multi-row inserts vary with the row count. */
const CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite dialect sees it, with prepared statements kept for reuse (least
 * recently used out first): the dialect prepares every query anew, and preparing a 20-row insert
 * cost about as much as running it. Safe because the server never streams a query, so a statement
 * always runs to completion before it is run again.
 */
export function withStatementCache(db: Database): TrackedSqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => db.close(),
    get inTransaction() {
      return db.inTransaction;
    },
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
