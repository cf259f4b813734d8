import type { Kysely } from 'kysely';
import type { RollupSpec } from '../db/rollup-spec.ts';

/**
 * What billing says about a subscription now (docs/billing.md, "Saves verified"): `active` pays;
 * `paused` (collection paused), `cancelling` (set to end), `cancelled` and `past_due` (payments
 * failing) do not.
 */
export type BillingStatus = 'active' | 'paused' | 'cancelling' | 'cancelled' | 'past_due';
export const BILLING_STATUSES: readonly BillingStatus[] = ['active', 'paused', 'cancelling', 'cancelled', 'past_due'];

/**
 * One save (a session that ended `saved`), verified against billing: it counts as retained only if the
 * subscriber still pays on `due_day`. `paying` is what the latest status change before that day said
 * (`state_at` is its time, so an older change arriving late never overwrites a newer one).
 */
export interface SavesTable {
  session_id: string;
  site_id: string;
  flow_id: string;
  subscriber_id: string;
  /** The token's `sid`, else its `sub`: what billing status changes name. */
  subscription_id: string;
  offer_id: string;
  currency: string | null;
  mrr: number | null;
  /** The session's day and week: the insights' filters and trends group by them, as for sessions. */
  created_day: string;
  created_week: string;
  saved_at: string;
  /** A pause save: the day billing resumes; paused until then is the save itself, not a loss. */
  pause_until: string | null;
  /** The day the save is settled: N days after the save (after the pause ends, for a pause). */
  due_day: string;
  paying: number;
  state_at: string;
}

/** Every billing status change heard of (Stripe's webhooks, the site's status callback, the demo ledger). */
export interface BillingStatusChangesTable {
  site_id: string;
  /** The event's id (Stripe's `evt_…`, the callback's `id`, the demo's own): a replay is recognised by it. */
  change_id: string;
  subscription_id: string;
  subscriber_id: string;
  status: BillingStatus;
  /** When it happened in billing (not when it arrived). */
  at: string;
  source: 'stripe' | 'webhook' | 'demo';
  received_at: string;
}

/** Counts of saves by (site, flow, session day and week, offer, currency, due day, paying): see rollup.ts. */
export const SAVE_ROLLUP: RollupSpec = {
  source: 'saves',
  table: 'save_rollup',
  view: 'save_counts',
  key: ['site_id', 'flow_id', 'created_day', 'created_week', 'offer_id', 'currency', 'due_day', 'paying'],
  nullable: new Set(['currency']),
  integers: new Set(['paying']),
  mrr: true,
  foldLock: 7_210_432,
};

export interface SaveRollupTable {
  site_id: string;
  flow_id: string;
  created_day: string;
  created_week: string;
  offer_id: string;
  currency: string;
  due_day: string;
  paying: number;
  n: number | string;
  mrr_micros: number | string;
  mrr_count: number | string;
}

export async function createSaveTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saves')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('mrr', 'double precision')
    .addColumn('created_day', 'text', (c) => c.notNull())
    .addColumn('created_week', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('pause_until', 'text')
    .addColumn('due_day', 'text', (c) => c.notNull())
    .addColumn('paying', 'integer', (c) => c.notNull())
    .addColumn('state_at', 'text', (c) => c.notNull())
    .execute();
  // A status change finds the saves of its subscription.
  await db.schema.createIndex('saves_subscription').on('saves').columns(['site_id', 'subscription_id']).execute();
  await db.schema.createIndex('saves_subscriber').on('saves').column('subscriber_id').execute();

  await db.schema
    .createTable('billing_status_changes')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('change_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('billing_status_changes_pk', ['site_id', 'change_id'])
    .execute();
  await db.schema
    .createIndex('billing_status_changes_subscription')
    .on('billing_status_changes')
    .columns(['site_id', 'subscription_id', 'at'])
    .execute();
  await db.schema
    .createIndex('billing_status_changes_subscriber')
    .on('billing_status_changes')
    .column('subscriber_id')
    .execute();
}
