import { shiftDays } from '@cancelflow/core';
import type { Kysely } from 'kysely';
import type { SiteRegistry } from '../config/sites.ts';
import type { Database } from '../db/tables.ts';
import { currentFlow } from '../flows/current.ts';
import type { Logger } from '../http/log.ts';
import { pruneMail } from '../mail/retention.ts';

/** Stored responses only serve retries; a day is far longer than any client retries. */
const IDEMPOTENCY_TTL_DAYS = 1;
/** For free text of sites no longer configured (their flow's setting is unknown): the schema's default. */
const DEFAULT_RETENTION_DAYS = 365;

export interface RetentionResult {
  feedbackDeleted: number;
  idempotencyKeysDeleted: number;
  mailDeleted: number;
}

/**
 * Deletes free text and finished follow-up mail older than each site's flow `policy.retentionDays`,
 * and expired idempotency records.
 */
export async function runRetention(db: Kysely<Database>, sites: SiteRegistry, now: Date): Promise<RetentionResult> {
  let feedbackDeleted = 0;
  let mailDeleted = 0;
  for (const site of sites.sites) {
    // The flow the site runs now: a published version's retentionDays counts from the moment it is live.
    const flow = await currentFlow(db, site);
    const cutoff = shiftDays(now, -flow.policy.retentionDays).toISOString();
    mailDeleted += await pruneMail(db, site.id, cutoff);
    const r = await db
      .deleteFrom('feedback')
      .where('site_id', '=', site.id)
      .where('created_at', '<', cutoff)
      .executeTakeFirst();
    feedbackDeleted += Number(r.numDeletedRows);
  }
  let orphans = db
    .deleteFrom('feedback')
    .where('created_at', '<', shiftDays(now, -DEFAULT_RETENTION_DAYS).toISOString());
  const configured = sites.sites.map((s) => s.id);
  if (configured.length > 0) orphans = orphans.where('site_id', 'not in', configured);
  feedbackDeleted += Number((await orphans.executeTakeFirst()).numDeletedRows);
  const keys = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', shiftDays(now, -IDEMPOTENCY_TTL_DAYS).toISOString())
    .executeTakeFirst();
  // A bucket idle this long is full again: forgetting it changes nothing.
  await db
    .deleteFrom('rate_buckets')
    .where('at_ms', '<', now.getTime() - 86_400_000)
    .execute();
  return { feedbackDeleted, idempotencyKeysDeleted: Number(keys.numDeletedRows), mailDeleted };
}

/** Runs the retention job at start-up and then every `intervalMs`. */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly db: Kysely<Database>;
  private readonly sites: SiteRegistry;
  private readonly log: Logger;
  private readonly now: () => Date;
  constructor(db: Kysely<Database>, sites: SiteRegistry, log: Logger, now: () => Date) {
    this.db = db;
    this.sites = sites;
    this.log = log;
    this.now = now;
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.running = runRetention(this.db, this.sites, this.now())
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
