import {
  addDays,
  addPeriod,
  type OfferChoice,
  type OfferOfType,
  type SubscriberClaims,
  utcDay,
} from '@cancelflow/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { BillingStatus, BillingStatusChangesTable } from './schema.ts';

/** Days after a save that it is verified, unless the site says otherwise (`retainedAfterDays`). */
export const DEFAULT_RETAINED_AFTER_DAYS = 30;

/**
 * Whether a status at `at` counts as still paying for a save: `active` does; `paused` only before the
 * day the pause the subscriber accepted ends (that pause is the save, not a loss); nothing else does.
 */
const payingSql = (status: BillingStatus, at: string) =>
  sql<number>`case when ${status} = 'active' then 1
    when ${status} = 'paused' and ${at} < coalesce(${sql.ref('pause_until')}, '') then 1 else 0 end`;

/** The keys a status change may name a save by: the token's `sid`, else its `sub`. */
const subscriptionKey = (claims: Pick<SubscriberClaims, 'sub' | 'sid'>) => claims.sid ?? claims.sub;

export interface NewSave {
  readonly sessionId: string;
  readonly siteId: string;
  readonly flowId: string;
  readonly claims: Pick<SubscriberClaims, 'sub' | 'sid'>;
  readonly offerId: string;
  readonly currency: string | null;
  readonly mrr: number | null;
  readonly createdDay: string;
  readonly createdWeek: string;
  /** The day billing resumes, for a pause save. */
  readonly pauseUntil?: string | undefined;
  readonly afterDays: number;
  readonly now: Date;
}

/** The day an accepted pause ends: billing's `resumesOn`, else counted from the choice as the widget shows it. */
export function pauseEnds(
  offer: OfferOfType<'pause'>,
  choice: OfferChoice | undefined,
  result: { readonly resumesOn?: string },
  now: Date,
): string {
  const weeks = offer.unit === 'week';
  const count = (weeks ? choice?.weeks : choice?.months) ?? 1;
  return result.resumesOn ?? addPeriod(utcDay(now), count, weeks ? 'week' : 'month');
}

/** The day a save is settled: `afterDays` after it, or after the accepted pause ends. */
export function dueDay(savedOn: string, pauseUntil: string | undefined, afterDays: number): string {
  return addDays(pauseUntil && pauseUntil > savedOn ? pauseUntil : savedOn, afterDays);
}

/**
 * Records a save in the transaction that marks its session saved. It starts paying, unless a status
 * change already heard of (billing's webhook may arrive before this commits) says otherwise.
 */
export async function recordSave(trx: Kysely<Database>, save: NewSave): Promise<void> {
  // Whole seconds, as billing dates its events (Stripe's `created`): a change in the same second as the
  // save counts as after it.
  const savedAt = new Date(Math.floor(save.now.getTime() / 1000) * 1000).toISOString();
  const due = dueDay(utcDay(save.now), save.pauseUntil, save.afterDays);
  const keys = [...new Set([subscriptionKey(save.claims), save.claims.sub])];
  const latest = await trx
    .selectFrom('billing_status_changes')
    .select(['status', 'at'])
    .where('site_id', '=', save.siteId)
    .where('subscription_id', 'in', keys)
    .where('at', '>=', savedAt)
    .where('at', '<', due)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const paying = latest
    ? Number(latest.status === 'active' || (latest.status === 'paused' && latest.at < (save.pauseUntil ?? '')))
    : 1;
  await trx
    .insertInto('saves')
    .values({
      session_id: save.sessionId,
      site_id: save.siteId,
      flow_id: save.flowId,
      subscriber_id: save.claims.sub,
      subscription_id: subscriptionKey(save.claims),
      offer_id: save.offerId,
      currency: save.currency,
      mrr: save.mrr,
      created_day: save.createdDay,
      created_week: save.createdWeek,
      saved_at: savedAt,
      pause_until: save.pauseUntil ?? null,
      due_day: due,
      paying,
      state_at: latest?.at ?? savedAt,
    })
    .onConflict((oc) => oc.column('session_id').doNothing())
    .execute();
}

export type StatusChange = Omit<BillingStatusChangesTable, 'received_at'>;

/**
 * Takes in one billing status change, once (a replay of its `change_id` changes nothing): logged, then
 * applied to every save of that subscription that was made before it and is not yet due, unless a
 * later change already reached the save (changes arrive out of order; of two in the same second, the
 * one taken in last wins). Returns `duplicate`, or how
 * many saves it moved.
 */
export async function recordStatusChange(
  trx: Kysely<Database>,
  change: StatusChange,
  now: Date,
): Promise<{ duplicate: true } | { duplicate: false; saves: number }> {
  const inserted = await trx
    .insertInto('billing_status_changes')
    .values({ ...change, received_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['site_id', 'change_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { duplicate: true };
  const keys = [...new Set([change.subscription_id, change.subscriber_id])];
  const moved = await trx
    .updateTable('saves')
    .set({ paying: payingSql(change.status, change.at), state_at: change.at })
    .where('site_id', '=', change.site_id)
    .where('subscription_id', 'in', keys)
    .where('saved_at', '<=', change.at)
    .where('due_day', '>', change.at)
    .where('state_at', '<=', change.at)
    .executeTakeFirst();
  return { duplicate: false, saves: Number(moved.numUpdatedRows) };
}
