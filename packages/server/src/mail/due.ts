import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * A message still due: neither sent, nor stopped, nor failed for good. The sender takes only these,
 * a subscriber's later message waits while one of these is ahead of it, the retention job keeps them
 * (and their session's claims, which building them reads) however old — one condition, written once,
 * so those three can never disagree about which messages are still to go out.
 *
 * `table` is the mail_outbox's name or alias in the query (`m`, `earlier`).
 */
export function mailStillDue(table = 'mail_outbox'): RawBuilder<SqlBool> {
  const column = (name: 'sent_at' | 'stopped_at' | 'failed_at') => sql.ref(`${table}.${name}`);
  // In parentheses: it is also negated (`not …`), which would otherwise bind to its first term only.
  return sql<SqlBool>`(${column('sent_at')} is null and ${column('stopped_at')} is null and ${column('failed_at')} is null)`;
}
