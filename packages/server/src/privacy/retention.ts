import { shiftDays } from '@cancelflow/core';
import type { Kysely } from 'kysely';
import type { SiteRegistry } from '../config/sites.ts';
import type { Database } from '../db/tables.ts';
import { currentFlow } from '../flows/current.ts';
import type { Logger } from '../http/log.ts';
import { pruneMail } from '../mail/retention.ts';
import { blankWebhookBodies } from '../webhooks/retention.ts';
import { minimizeClaims } from './claims.ts';
import { minimizeOfferResults } from './offer-results.ts';
import { DEFAULT_RETENTION_PERIODS, type RetentionPeriods } from './periods.ts';

/** Stored responses only serve retries; a day is far longer than any client retries. */
const IDEMPOTENCY_TTL_DAYS = 1;
/** For free text of sites no longer configured (their flow's setting is unknown): the schema's default. */
const DEFAULT_RETENTION_DAYS = 365;

export interface RetentionResult {
  feedbackDeleted: number;
  idempotencyKeysDeleted: number;
  mailDeleted: number;
  /** Sessions whose stored claims were reduced to what their counts and receipts need. */
  claimsMinimized: number;
  /** Accepted offers whose billing answer was reduced to the change it made (privacy/offer-results.ts). */
  offerResultsMinimized: number;
  webhookBodiesBlanked: number;
  auditDeleted: number;
}

/**
 * After each site's flow `policy.retentionDays`: deletes free text and finished follow-up mail,
 * reduces stored claims and billing's answers to accepted offers, blanks finished webhook bodies. Blanks delivered webhook bodies after
 * `periods.webhookBodyDays` too, deletes audit rows after `periods.auditDays`, and expired
 * idempotency records.
 */
export async function runRetention(
  db: Kysely<Database>,
  sites: SiteRegistry,
  now: Date,
  periods: RetentionPeriods = DEFAULT_RETENTION_PERIODS,
): Promise<RetentionResult> {
  const result = {
    feedbackDeleted: 0,
    mailDeleted: 0,
    claimsMinimized: 0,
    offerResultsMinimized: 0,
    webhookBodiesBlanked: 0,
  };
  const add = (counts: typeof result) => {
    for (const key of Object.keys(result) as (keyof typeof result)[]) result[key] += counts[key];
  };
  for (const site of sites.sites) {
    // The flow the site runs now: a published version's retentionDays counts from the moment it is live.
    const flow = await currentFlow(db, site);
    add(await prunePersonalData(db, site.id, shiftDays(now, -flow.policy.retentionDays).toISOString()));
  }
  // Sites taken out of the sites file keep their stored sessions (insights still read them); their
  // flow's setting is unknown, so their personal data goes after the schema's default.
  const orphanCutoff = shiftDays(now, -DEFAULT_RETENTION_DAYS).toISOString();
  const configured = sites.sites.map((s) => s.id);
  for (const siteId of await unconfiguredSites(db, configured, orphanCutoff)) {
    add(await prunePersonalData(db, siteId, orphanCutoff));
  }
  // Sites no longer configured included: a delivered body is worth nothing after the debugging window.
  result.webhookBodiesBlanked += await blankWebhookBodies(
    db,
    shiftDays(now, -periods.webhookBodyDays).toISOString(),
    undefined,
    'delivered',
  );
  const audit = await db
    .deleteFrom('audit')
    .where('at', '<', shiftDays(now, -periods.auditDays).toISOString())
    .executeTakeFirst();
  const keys = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', shiftDays(now, -IDEMPOTENCY_TTL_DAYS).toISOString())
    .executeTakeFirst();
  // A bucket idle this long is full again: forgetting it changes nothing.
  await db
    .deleteFrom('rate_buckets')
    .where('at_ms', '<', now.getTime() - 86_400_000)
    .execute();
  return {
    ...result,
    idempotencyKeysDeleted: Number(keys.numDeletedRows),
    auditDeleted: Number(audit.numDeletedRows),
  };
}

/**
 * One site's personal data past `cutoff`: free text and finished mail deleted, stored claims and
 * billing's answers to accepted offers reduced, finished webhook bodies blanked (a delivery that failed for good stays readable for the operator this
 * long, to fix and replay).
 */
async function prunePersonalData(db: Kysely<Database>, siteId: string, cutoff: string) {
  const feedback = await db
    .deleteFrom('feedback')
    .where('site_id', '=', siteId)
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return {
    feedbackDeleted: Number(feedback.numDeletedRows),
    mailDeleted: await pruneMail(db, siteId, cutoff),
    claimsMinimized: await minimizeClaims(db, siteId, cutoff),
    offerResultsMinimized: await minimizeOfferResults(db, siteId, cutoff),
    webhookBodiesBlanked: await blankWebhookBodies(db, cutoff, siteId),
  };
}

/**
 * Sites not in the sites file with stored rows older than `cutoff` that may still hold personal data
 * (free text, claims or billing answers not yet reduced, any mail, a webhook body).
 */
async function unconfiguredSites(
  db: Kysely<Database>,
  configured: readonly string[],
  cutoff: string,
): Promise<string[]> {
  const sessions = db
    .selectFrom('sessions')
    .select('site_id')
    .where('claims_minimized', '=', 0)
    .where('created_at', '<', cutoff);
  const feedback = db.selectFrom('feedback').select('site_id').where('created_at', '<', cutoff);
  const mail = db.selectFrom('mail_outbox').select('site_id').where('created_at', '<', cutoff);
  const offers = db
    .selectFrom('offers_accepted')
    .select('site_id')
    .where('result_minimized', '=', 0)
    .where('accepted_at', '<', cutoff);
  const webhooks = db.selectFrom('webhook_outbox').select('site_id').where('body', '<>', '');
  const rows = await (configured.length > 0
    ? sessions
        .where('site_id', 'not in', configured)
        .union(feedback.where('site_id', 'not in', configured))
        .union(mail.where('site_id', 'not in', configured))
        .union(offers.where('site_id', 'not in', configured))
        .union(webhooks.where('site_id', 'not in', configured))
    : sessions.union(feedback).union(mail).union(offers).union(webhooks)
  ).execute();
  return rows.map((row) => row.site_id);
}

/** Runs the retention job at start-up and then every `intervalMs`. */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly db: Kysely<Database>;
  private readonly sites: SiteRegistry;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly periods: RetentionPeriods;
  constructor(db: Kysely<Database>, sites: SiteRegistry, log: Logger, now: () => Date, periods: RetentionPeriods) {
    this.db = db;
    this.periods = periods;
    this.sites = sites;
    this.log = log;
    this.now = now;
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.running = runRetention(this.db, this.sites, this.now(), this.periods)
        .then((r) => this.log({ level: 'info', msg: 'retention job', ...r }))
        .catch((error) => this.log({ level: 'error', msg: 'retention job failed', error: String(error) }));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
