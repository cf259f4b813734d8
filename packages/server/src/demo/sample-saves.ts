import { addDays, addPeriod, type OfferType, seededRandom, utcDay } from '@cancelflow/core';
import type { Insertable, Kysely } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import type { Database } from '../db/tables.ts';
import { dueDay } from '../saves/record.ts';
import type { BillingStatusChangesTable, SavesTable } from '../saves/schema.ts';

/**
 * How likely a sample save still pays when it is verified. Invented for the demo (a cheap discount
 * keeps fewer than a plan change), so that saved and retained differ on the dashboard.
 */
const KEEPS: Record<OfferType, number> = {
  discount: 0.74,
  pause: 0.68,
  plan_change: 0.86,
  trial_extension: 0.6,
  contact: 0.8,
  redirect: 0.7,
  custom: 0.75,
};

/**
 * Verifies the sample's saves as billing would have: each sample save gets its `saves` row, and the
 * ones drawn to churn a `cancelled` or `past_due` status change on a day before they were due (only
 * days already past: a pending save stays pending). The demo plugin does the same for live saves.
 */
export async function seedSampleSaves(
  trx: Kysely<Database>,
  site: SiteConfig,
  sessionIds: readonly string[],
  options: { readonly now: Date; readonly seed: number },
): Promise<number> {
  const random = seededRandom(options.seed + 7);
  const today = utcDay(options.now);
  const saves: Insertable<SavesTable>[] = [];
  const changes: Insertable<BillingStatusChangesTable>[] = [];
  for (let i = 0; i < sessionIds.length; i += 200) {
    const rows = await trx
      .selectFrom('sessions')
      .innerJoin('offers_accepted', 'offers_accepted.session_id', 'sessions.id')
      .select([
        'sessions.id',
        'sessions.flow_id',
        'sessions.subscriber_id',
        'sessions.subscription_id',
        'sessions.currency',
        'sessions.mrr',
        'sessions.created_day',
        'sessions.created_week',
        'offers_accepted.offer_id',
        'offers_accepted.offer_type',
        'offers_accepted.choice_json',
        'offers_accepted.accepted_at',
      ])
      .where('sessions.id', 'in', sessionIds.slice(i, i + 200))
      .where('sessions.status', '=', 'saved')
      .orderBy('sessions.id')
      .execute();
    for (const row of rows) {
      const savedOn = row.accepted_at.slice(0, 10);
      const choice = row.choice_json ? (JSON.parse(row.choice_json) as { months?: number; weeks?: number }) : {};
      const pauseUntil =
        row.offer_type === 'pause'
          ? addPeriod(savedOn, choice.weeks ?? choice.months ?? 1, choice.weeks ? 'week' : 'month')
          : null;
      const due = dueDay(savedOn, pauseUntil ?? undefined, site.retainedAfterDays);
      const subscription = row.subscription_id ?? row.subscriber_id;
      const churnOn = addDays(pauseUntil ?? savedOn, 1 + Math.floor(random() * (site.retainedAfterDays - 1)));
      const churns = random() > (KEEPS[row.offer_type as OfferType] ?? 0.75) && churnOn < today;
      const at = `${churnOn}T10:00:00.000Z`;
      if (churns) {
        changes.push({
          site_id: site.id,
          change_id: `sample_${row.id}`,
          subscription_id: subscription,
          subscriber_id: row.subscriber_id,
          status: random() < 0.7 ? 'cancelled' : 'past_due',
          at,
          source: 'demo',
          received_at: at,
        });
      }
      saves.push({
        session_id: row.id,
        site_id: site.id,
        flow_id: row.flow_id,
        subscriber_id: row.subscriber_id,
        subscription_id: subscription,
        offer_id: row.offer_id,
        currency: row.currency,
        mrr: row.mrr,
        created_day: row.created_day,
        created_week: row.created_week,
        saved_at: row.accepted_at,
        pause_until: pauseUntil,
        due_day: due,
        paying: churns ? 0 : 1,
        state_at: churns ? at : row.accepted_at,
      });
    }
  }
  for (let i = 0; i < saves.length; i += 200)
    await trx
      .insertInto('saves')
      .values(saves.slice(i, i + 200))
      .execute();
  for (let i = 0; i < changes.length; i += 200) {
    await trx
      .insertInto('billing_status_changes')
      .values(changes.slice(i, i + 200))
      .execute();
  }
  return saves.length;
}
