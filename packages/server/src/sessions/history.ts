import { type FlowConfig, type PriorOffer, shiftDays } from '@cancelflow/core';
import { OFFER_TYPES } from '@cancelflow/core/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';

/**
 * The offers this subscriber was shown or accepted on this site within the longest cooldown the flow
 * sets: the history `resolveFlow` applies cooldowns with. Accepts are the server's own records; shown
 * offers come from the browser's `offer_shown` events (suppressing them only gets an offer shown
 * again, never a benefit the flow does not allow).
 */
export async function offerHistory(
  db: Kysely<Database>,
  siteId: string,
  subscriberId: string,
  config: FlowConfig,
  now: Date,
): Promise<PriorOffer[]> {
  const days = Math.max(0, ...Object.values(config.limits.cooldownDays ?? {}));
  if (days === 0) return [];
  const since = shiftDays(now, -days).toISOString();
  const [shown, accepted] = await Promise.all([
    db
      .selectFrom('events')
      .innerJoin('sessions', 'sessions.id', 'events.session_id')
      .select(['events.offer_id', 'events.payload_json', 'events.at'])
      .where('sessions.site_id', '=', siteId)
      .where('sessions.subscriber_id', '=', subscriberId)
      .where('events.type', '=', 'offer_shown')
      .where('events.offer_id', 'is not', null)
      .where('events.at', '>=', since)
      .execute(),
    db
      .selectFrom('offers_accepted')
      .select(['offer_id', 'offer_type', 'accepted_at'])
      .where('site_id', '=', siteId)
      .where('subscriber_id', '=', subscriberId)
      .where('accepted_at', '>=', since)
      .execute(),
  ]);
  const history: PriorOffer[] = [];
  for (const row of shown) {
    const offerType = (JSON.parse(row.payload_json) as { offerType?: string }).offerType;
    if (row.offer_id && isOfferType(offerType)) history.push({ offerId: row.offer_id, offerType, shownAt: row.at });
  }
  for (const row of accepted) {
    if (isOfferType(row.offer_type)) {
      history.push({ offerId: row.offer_id, offerType: row.offer_type, shownAt: row.accepted_at });
    }
  }
  return history;
}

function isOfferType(value: unknown): value is PriorOffer['offerType'] {
  return typeof value === 'string' && Object.hasOwn(OFFER_TYPES, value);
}
