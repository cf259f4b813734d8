import type { ColumnType, Kysely } from 'kysely';

/**
 * Stripe events already taken in, so a replay (Stripe retries deliveries for up to three days, and
 * anyone may resend a signed body) changes nothing. Only ids and the type: nothing about the subscriber.
 */
export interface StripeEventsTable {
  site_id: string;
  event_id: string;
  type: string;
  received_at: string;
}

/** What the webhooks add to each row of `subscriptions` (optional on insert: the demo ledger leaves them out). */
export interface StripeSubscriptionColumns {
  /** When the Stripe event the row's state came from was created (ISO): an older event never overwrites it. */
  billing_event_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The latest failed and paid invoice payments (ISO): payment is failing while the first is the later one. */
  payment_failed_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_paid_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export async function createStripeTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stripe_events')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stripe_events_pk', ['site_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('stripe_events_received')
    .on('stripe_events')
    .columns(['site_id', 'received_at'])
    .execute();
  await db.schema.alterTable('subscriptions').addColumn('billing_event_at', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('payment_failed_at', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('last_paid_at', 'text').execute();
}
