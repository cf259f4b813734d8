import { type Kysely, sql } from 'kysely';
import type { DbKind } from '../db/kind.ts';
import type { Database } from '../db/tables.ts';

/**
 * Serializes, until `trx` ends, the transactions that take this lock for one subscriber of one site,
 * across every server process: a check of the subscriber's other sessions and the write that depends
 * on it then see each other. On Postgres a transaction-scoped advisory lock; SQLite needs none, as its
 * one connection runs one transaction at a time (and it serves one process).
 */
export async function lockSubscriber(
  trx: Kysely<Database>,
  kind: DbKind,
  siteId: string,
  subscriberId: string,
): Promise<void> {
  if (kind !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`subscriber:${siteId}:${subscriberId}`}, 0))`.execute(trx);
}
