import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';
import { createStripeTables } from '../billing/stripe/schema.ts';
import { ConfigError } from '../config/errors.ts';
import { createFlowVersionsTable } from '../flows/schema.ts';
import {
  createOfferCopies,
  OFFERS_APPLIED,
  OFFERS_APPLIED_0014,
  OFFERS_APPLIED_ROLLUP,
  OFFERS_APPLIED_ROLLUP_0014,
  OFFERS_SHOWN_ROLLUP,
} from '../insights/offer-rollups.ts';
import { createMailTables } from '../mail/schema.ts';
import { createSaveTables, SAVE_ROLLUP } from '../saves/schema.ts';
import type { DbKind } from './kind.ts';
import { appendOnlyRollup, createRollup, createSessionRollup, dropRollup } from './rollup.ts';
import { createSessionCopy, dropSessionCopy } from './session-copy.ts';

/**
 * Migrations live in code (no files to ship or find at run time). Portable DDL, except the rollup's
 * triggers, which each dialect spells its own way. Add new ones at the end; never edit one that shipped.
 */
const migrationsFor = (kind: DbKind): Record<string, Migration> => ({
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('flow_id', 'text', (c) => c.notNull())
        .addColumn('flow_version', 'integer', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text')
        .addColumn('plan', 'text')
        .addColumn('mrr', 'double precision')
        .addColumn('currency', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('experiment_id', 'text')
        .addColumn('variant', 'text')
        .addColumn('holdout', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('claims_json', 'text', (c) => c.notNull())
        .addColumn('flow_json', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason_id', 'text')
        .addColumn('offer_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_day', 'text', (c) => c.notNull())
        .addColumn('created_week', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .execute();
      // The insights summary scans this index only (covering): flow, day range, status, mrr.
      await db.schema
        .createIndex('sessions_insights')
        .on('sessions')
        .columns(['site_id', 'flow_id', 'created_day', 'status', 'currency', 'mrr'])
        .execute();
      await db.schema
        .createIndex('sessions_day')
        .on('sessions')
        .columns(['created_day', 'status', 'currency', 'mrr'])
        .execute();
      await db.schema.createIndex('sessions_subscriber').on('sessions').columns(['site_id', 'subscriber_id']).execute();
      await db.schema.createIndex('sessions_subscriber_any').on('sessions').column('subscriber_id').execute();

      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('payload_json', 'text', (c) => c.notNull())
        .addColumn('offer_id', 'text')
        .addColumn('reason_id', 'text')
        .execute();
      await db.schema.createIndex('events_session').on('events').columns(['session_id', 'type']).execute();
      await db.schema.createIndex('events_offer').on('events').columns(['type', 'offer_id']).execute();

      await db.schema
        .createTable('offers_accepted')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('offer_id', 'text', (c) => c.notNull())
        .addColumn('offer_type', 'text', (c) => c.notNull())
        .addColumn('choice_json', 'text')
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('result_json', 'text')
        .addColumn('accepted_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('offers_accepted_subscriber')
        .on('offers_accepted')
        .columns(['site_id', 'subscriber_id'])
        .execute();

      await db.schema
        .createTable('cancellations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().unique())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text')
        .addColumn('plan', 'text')
        .addColumn('reason_id', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .addColumn('effective_on', 'text', (c) => c.notNull())
        .addColumn('refund', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cancellations_subscriber').on('cancellations').column('subscriber_id').execute();

      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('flow_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('reason_id', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('feedback_flow_time')
        .on('feedback')
        .columns(['site_id', 'flow_id', 'created_at'])
        .execute();
      await db.schema.createIndex('feedback_subscriber').on('feedback').column('subscriber_id').execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text')
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
      await db.schema
        .createIndex('idempotency_keys_subscriber')
        .on('idempotency_keys')
        .column('subscriber_id')
        .execute();
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();

      await db.schema
        .createTable('webhook_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('failed_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('webhook_outbox_due')
        .on('webhook_outbox')
        .columns(['delivered_at', 'failed_at', 'next_attempt_at'])
        .execute();

      await db.schema
        .createTable('subscriptions')
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('plan', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('paused_until', 'text')
        .addColumn('discount_json', 'text')
        .addColumn('trial_end', 'text')
        .addColumn('cancel_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('subscriptions_pk', ['site_id', 'subscription_id'])
        .execute();

      await db.schema
        .createTable('audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('subscriber_id', 'text')
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_at').on('audit').column('at').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'audit',
        'subscriptions',
        'webhook_outbox',
        'idempotency_keys',
        'feedback',
        'cancellations',
        'offers_accepted',
        'events',
        'sessions',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  // The insights counts read a rollup kept by triggers instead of scanning sessions; the covering
  // indexes they used to scan only cost writes now.
  '0002_session_rollup': {
    async up(db: Kysely<unknown>) {
      await createSessionRollup(db);
      await db.schema.dropIndex('sessions_insights').execute();
      await db.schema.dropIndex('sessions_day').execute();
    },
  },
  // A cancellation may be the `eu` withdrawal from the contract: ended at once, everything refunded.
  '0003_withdrawal': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('cancellations')
        .addColumn('withdrawal', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  // A session's decision (accept, cancel, withdraw) is claimed here before billing is told, so
  // overlapping requests and several server processes call billing once (see sessions/decision.ts).
  '0004_session_decisions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('session_decisions')
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('told_json', 'text', (c) => c.notNull())
        .addColumn('answer_json', 'text')
        .addColumn('lease_until', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('session_decisions_pk', ['session_id', 'stage'])
        .execute();
      await db.schema
        .createIndex('session_decisions_subscriber')
        .on('session_decisions')
        .column('subscriber_id')
        .execute();
    },
  },
  // Rollup triggers append deltas instead of updating shared counters: concurrent writers on
  // Postgres deadlocked on those counters (see rollup.ts).
  '0005_rollup_deltas': {
    async up(db: Kysely<unknown>) {
      await appendOnlyRollup(db, kind);
    },
  },
  // Follow-up mail (confirmations), written in the same transaction as the outcome; suppressed
  // addresses; undone cancellations (see src/mail/).
  '0006_mail': {
    async up(db: Kysely<unknown>) {
      await createMailTables(db);
    },
  },
  // Rate-limit buckets several server processes on one Postgres share (http/rate-limit.ts).
  '0007_shared_rate_limits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_buckets')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('tokens', 'double precision', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('ok', 'boolean', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_buckets_at').on('rate_buckets').column('at_ms').execute();
    },
  },
  // Stripe's webhooks: event ids seen (replays), and each subscription's state with the event it came from.
  '0008_stripe_webhooks': {
    async up(db: Kysely<unknown>) {
      await createStripeTables(db);
    },
  },
  // Flows published from the dashboard, one row per version (src/flows/).
  '0009_flow_versions': {
    async up(db: Kysely<unknown>) {
      await createFlowVersionsTable(db);
    },
  },
  // Saves verified against billing: each save, the status changes billing reported, and a rollup of
  // saves by whether they still pay (see saves/ and docs/billing.md).
  '0010_saves_verified': {
    async up(db: Kysely<unknown>) {
      await createSaveTables(db);
      await createRollup(db, SAVE_ROLLUP);
      await appendOnlyRollup(db, kind, SAVE_ROLLUP);
    },
  },
  // The dashboard's sessions list reads the newest sessions first (src/insights/session-paths.ts).
  '0011_sessions_by_time': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sessions_created_at').on('sessions').column('created_at').execute();
    },
  },
  // Signed-out dashboard cookies, refused by every process until they expire (http/admin-session.ts).
  '0012_admin_revocations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('admin_revocations')
        .addColumn('nonce', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  // The sessions list of one site, newest first, reads this index in order and stops after a page.
  '0013_sessions_by_site_time': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('sessions_site_created_at')
        .on('sessions')
        .columns(['site_id', 'created_at'])
        .execute();
    },
  },
  // The offers report counts offers shown and applied from rollups instead of every `offer_shown`
  // event and accepted offer (insights/offer-rollups.ts), filled from the rows already stored.
  '0014_offer_rollups': {
    async up(db: Kysely<unknown>) {
      await createOfferCopies(db, kind);
      for (const spec of [OFFERS_SHOWN_ROLLUP, OFFERS_APPLIED_ROLLUP_0014]) {
        await createRollup(db, spec);
        await appendOnlyRollup(db, kind, spec);
      }
    },
  },
  // An offer taken after the cancel (the done step's) saved nothing: accepted offers record their
  // stage, and the offers report counts MRR saved from those taken before the cancel only. A session
  // stored before this migration with an offer and a cancel had the offer after it: until then, an
  // accepted offer refused the cancel (a cancel after a save is `cancelled_after`, cancel/confirm.ts).
  '0015_offers_accepted_stage': {
    async up(db: Kysely<unknown>) {
      await dropRollup(db, kind, OFFERS_APPLIED_ROLLUP_0014);
      await dropSessionCopy(db, kind, OFFERS_APPLIED_0014);
      await db.schema
        .alterTable('offers_accepted')
        .addColumn('stage', 'text', (c) => c.notNull().defaultTo('before_cancel'))
        .execute();
      await sql`update offers_accepted set stage = 'after_cancel'
        where session_id in (select id from sessions where status = 'cancelled')`.execute(db);
      await createSessionCopy(db, kind, OFFERS_APPLIED, { mrr: 'double precision' });
      await createRollup(db, OFFERS_APPLIED_ROLLUP);
      await appendOnlyRollup(db, kind, OFFERS_APPLIED_ROLLUP);
    },
  },
  // Each process looks for cancels left unfinished (cancel/stranded.ts): claims still applying whose
  // lease has passed, found without reading every decision ever taken.
  '0016_decisions_by_state': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('session_decisions_state')
        .on('session_decisions')
        .columns(['state', 'lease_until'])
        .execute();
    },
  },
  // A cancel that billing keeps failing is tried again less and less often (cancel/stranded.ts):
  // how often the server tried, and not before when it tries next.
  '0017_decision_resume_backoff': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('session_decisions')
        .addColumn('resume_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('session_decisions').addColumn('resume_after', 'text').execute();
    },
  },
  // Mail due at the same moment goes out in the order it was scheduled (mail/sender.ts): `seq` counts
  // the queued messages up. Postgres numbers new rows from a sequence; SQLite copies the rowid, which
  // a VACUUM may renumber, into a column of its own as each row is inserted.
  '0018_mail_scheduled_order': {
    async up(db: Kysely<unknown>) {
      if (kind === 'postgres') {
        await sql`alter table mail_outbox add column seq bigserial`.execute(db);
        return;
      }
      await sql`alter table mail_outbox add column seq integer`.execute(db);
      await sql`update mail_outbox set seq = rowid`.execute(db);
      await sql`create trigger mail_outbox_seq after insert on mail_outbox when new.seq is null
        begin update mail_outbox set seq = new.rowid where rowid = new.rowid; end`.execute(db);
    },
  },
  // The retention job reduces a session's stored claims once its site's retentionDays passed
  // (privacy/claims.ts) and marks it; the partial index finds the sessions not yet reduced.
  '0019_sessions_claims_minimized': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('sessions')
        .addColumn('claims_minimized', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('sessions_claims_due')
        .on('sessions')
        .columns(['site_id', 'created_at'])
        .where(sql.ref('claims_minimized'), '=', 0)
        .execute();
    },
  },
  // Likewise for what a billing plugin answered to an accepted offer (privacy/offer-results.ts).
  '0020_offers_accepted_result_minimized': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('offers_accepted')
        .addColumn('result_minimized', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('offers_accepted_result_due')
        .on('offers_accepted')
        .columns(['site_id', 'accepted_at'])
        .where(sql.ref('result_minimized'), '=', 0)
        .execute();
    },
  },
  // Refusals nothing verified (a garbage token, an unknown session) are counted per minute into one
  // row instead of a row each (audit.ts): how many attempts the row stands for.
  '0021_audit_count': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('audit')
        .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  },
});

/** Brings the schema up to date; throws with the failing migration's name. */
export const migrateToLatest = (db: Kysely<unknown>, kind: DbKind): Promise<void> =>
  migrate(db, kind, (migrator) => migrator.migrateToLatest());

/** Brings the schema up to migration `name` and no further (tests store data as an older server did). */
export const migrateUpTo = (db: Kysely<unknown>, kind: DbKind, name: string): Promise<void> =>
  migrate(db, kind, (migrator) => migrator.migrateTo(name));

async function migrate(db: Kysely<unknown>, kind: DbKind, run: (migrator: Migrator) => Promise<MigrationResultSet>) {
  const migrations = migrationsFor(kind);
  await refuseNewerDatabase(db, Object.keys(migrations));
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const { error, results } = await run(new Migrator({ db, provider }));
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * An older release started on a database a newer one migrated (a rollback after an upgrade) was
 * refused by Kysely as "corrupted migrations: previously executed migration … is missing", which
 * reads as damage. Nothing is wrong with the database: say what happened and what to do, before
 * anything is changed.
 */
async function refuseNewerDatabase(db: Kysely<unknown>, known: readonly string[]): Promise<void> {
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
  } catch {
    return; // a new database: no migrations recorded yet
  }
  const unknown = applied.filter((name) => !known.includes(name)).sort();
  if (unknown.length === 0) return;
  throw new ConfigError(
    `the database was migrated by a newer version of cancelflow: it has ${unknown.length === 1 ? 'migration' : 'migrations'} ${unknown.join(', ')}, which this version does not know (its newest is ${known.at(-1)}). Run that newer version again, or restore the backup taken before the upgrade; nothing in the database was changed`,
  );
}
