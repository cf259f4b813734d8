import type { Generated, Kysely } from 'kysely';

/** What a message is: the answer to a cancellation or to a save, or step N (from 1) of the flow's win-back. */
export type MailKind = 'cancellation' | 'saved' | `winback_${number}`;

/** The template a kind uses: every win-back step shares `winback`. */
export const templateKind = (kind: MailKind): 'cancellation' | 'saved' | 'winback' =>
  kind === 'cancellation' || kind === 'saved' ? kind : 'winback';

/**
 * One message to one subscriber, queued in the transaction that recorded what it reports (the
 * outbox pattern): it exists if and only if that outcome committed. Its id is the message's
 * `Message-ID`, the same on every attempt, so a receiving system can tell a repeat.
 */
export interface MailOutboxTable {
  id: string;
  site_id: string;
  subscriber_id: string;
  session_id: string;
  kind: MailKind;
  to_address: string;
  /** The session's locale: the message is written in it. */
  locale: string;
  /** What the message reports (the receipt, or the accepted offer and billing's answer), as JSON. */
  payload_json: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  /** A sender's lease: no other sender (in any process) takes the row until then. */
  locked_until: string | null;
  /** Which lease holds it: a sender whose lease ran out cannot mark the row afterwards. */
  lock_token: string | null;
  sent_at: string | null;
  /** Set when the message will not be sent (e.g. `unsubscribed`): kept, visible, never retried. */
  stopped_at: string | null;
  stop_reason: string | null;
  failed_at: string | null;
  last_error: string | null;
  /**
   * The order messages were queued in, set by the database (migration 0018): of two messages due at
   * the same moment the one queued first goes first. Postgres returns it as a string (bigint).
   */
  seq: Generated<number | string>;
}

/** Addresses that used the one-click unsubscribe, per site, as a SHA-256 of the lowercased address. */
export interface MailSuppressionsTable {
  site_id: string;
  address_hash: string;
  created_at: string;
}

/** A cancellation taken back through the undo link (one per session; billing is told with a stable key). */
export interface ReactivationsTable {
  session_id: string;
  site_id: string;
  subscriber_id: string;
  receipt_id: string;
  /** `applying` while the billing plugin runs; `applied` once it succeeded. */
  state: 'applying' | 'applied';
  created_at: string;
  applied_at: string | null;
}

export async function createMailTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('lock_token', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('stop_reason', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  // One message of a kind per session (each win-back step is a kind), whatever retries or races happen upstream.
  await db.schema
    .createIndex('mail_outbox_session_kind')
    .on('mail_outbox')
    .columns(['session_id', 'kind'])
    .unique()
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').column('next_attempt_at').execute();
  await db.schema.createIndex('mail_outbox_subscriber').on('mail_outbox').column('subscriber_id').execute();
  await db.schema
    .createTable('mail_suppressions')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_suppressions_pk', ['site_id', 'address_hash'])
    .execute();
  await db.schema
    .createTable('reactivations')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('receipt_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
}
