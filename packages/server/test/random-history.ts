import { seededRandom } from '@cancelflow/core';
import type { Insertable, Kysely } from 'kysely';
import type { Database, EventsTable, NewSession, SessionStatus } from '../src/db/tables.ts';

/** Seeded, so a failing seed can be replayed. */
export function generator(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick, maybe: <T>(value: T, p = 0.3): T | null => (next() < p ? null : value) };
}

export type Random = ReturnType<typeof generator>;
export const STATUSES: SessionStatus[] = ['open', 'saved', 'cancelled', 'abandoned'];
const DAYS = ['2025-01-06', '2025-01-07', '2025-01-12', '2025-01-13', '2025-02-03', '2025-02-04'];
const OFFERS = ['discount_30', 'pause', 'downgrade'];
const weekOf = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
};

function randomSession(r: Random, i: number): NewSession {
  const day = r.pick(DAYS);
  const experiment = r.maybe('exp_a', 0.5);
  // A variant is a holdout or not, for all its sessions.
  const variant = experiment ? r.pick(['control', 'offers']) : null;
  return {
    id: `ses_${i}`,
    site_id: r.pick(['acme', 'beta']),
    flow_id: r.pick(['main', 'alt']),
    flow_version: 1,
    subscriber_id: `cus_${Math.floor(r.next() * 40)}`,
    subscription_id: null,
    plan: null,
    // Fractions of a cent on purpose: sums must not drift as sessions move between rollup rows.
    mrr: r.maybe(Math.round(r.next() * 100_000) / 1000, 0.2),
    currency: r.maybe(r.pick(['USD', 'EUR', 'JPY']), 0.15),
    locale: 'en',
    experiment_id: experiment,
    variant,
    holdout: variant === 'control' ? 1 : 0,
    claims_json: '{}',
    flow_json: '{}',
    key_hash: '',
    status: r.pick(STATUSES),
    reason_id: r.maybe(r.pick(['too_expensive', 'not_using', 'missing']), 0.35),
    offer_id: null,
    created_at: `${day}T10:00:00.000Z`,
    created_day: day,
    created_week: weekOf(day),
    ended_at: null,
  };
}

/**
 * A session's events: up to four offers shown, the same one again now and then (a reload), a step
 * viewed, and now and then an `offer_shown` naming no offer (one its flow does not have).
 */
function randomEvents(r: Random, sessionId: string, ids: { next: number }): Insertable<EventsTable>[] {
  const event = (type: string, offerId: string | null) => ({
    id: `evt_${ids.next++}`,
    session_id: sessionId,
    type,
    at: '2025-01-06T10:00:00.000Z',
    received_at: '2025-01-06T10:00:00.000Z',
    payload_json: '{}',
    offer_id: offerId,
    reason_id: null,
  });
  const events = [event('step_viewed', null)];
  const shown = Math.floor(r.next() * 5);
  for (let k = 0; k < shown; k++) events.push(event('offer_shown', r.maybe(r.pick(OFFERS), 0.1)));
  return events;
}

async function insertAll<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Insertable<Database[T]>[]) {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 100) as never)
      .execute();
  }
}

/**
 * Inserts sessions and their events, then changes and deletes some, the way the routes, erasure and
 * the demo do (and hand-written SQL might: events stored before their session, events whose session
 * never comes, a session moved to another day or site).
 */
export async function randomHistory(db: Kysely<Database>, r: Random, count: number): Promise<void> {
  const sessions = Array.from({ length: count }, (_, i) => randomSession(r, i));
  const ids = { next: 0 };
  // The last tenth's events (and some of sessions never stored) come before their sessions.
  const early = Math.floor(count * 0.9);
  const orphans = Array.from({ length: 10 }, (_, i) => `ses_${count + i}`);
  await insertAll(
    db,
    'events',
    [...sessions.slice(early).map((s) => s.id), ...orphans].flatMap((id) => randomEvents(r, id, ids)),
  );
  await insertAll(db, 'sessions', sessions);
  await insertAll(
    db,
    'events',
    sessions.slice(0, early).flatMap((s) => randomEvents(r, s.id, ids)),
  );
  // A fifth accepted an offer (some still being applied).
  const accepted = sessions.filter(() => r.next() < 0.2);
  await insertAll(
    db,
    'offers_accepted',
    accepted.map((s) => ({
      session_id: s.id,
      site_id: s.site_id,
      subscriber_id: s.subscriber_id,
      offer_id: r.pick(OFFERS),
      offer_type: 'discount',
      idempotency_key: `idem_${s.id}`,
      state: r.pick(['applied', 'applied', 'applying'] as const),
      accepted_at: s.created_at,
    })),
  );
  for (let k = 0; k < count / 2; k++) {
    const id = `ses_${Math.floor(r.next() * count)}`;
    const roll = r.next();
    if (roll < 0.4) {
      await db
        .updateTable('sessions')
        .set({ status: r.pick(STATUSES) })
        .where('id', '=', id)
        .execute();
    } else if (roll < 0.6) {
      await db
        .updateTable('sessions')
        .set({ reason_id: r.maybe(r.pick(['too_expensive', 'other']), 0.3) })
        .where('id', '=', id)
        .execute();
    } else if (roll < 0.7) {
      await db
        .updateTable('sessions')
        .set({ mrr: r.maybe(Math.round(r.next() * 5000) / 100, 0.3) })
        .where('id', '=', id)
        .execute();
    } else if (roll < 0.75) {
      const day = r.pick(DAYS);
      await db
        .updateTable('sessions')
        .set({ site_id: r.pick(['acme', 'beta']), created_day: day, created_week: weekOf(day) })
        .where('id', '=', id)
        .execute();
    } else if (roll < 0.8) {
      await insertAll(db, 'events', randomEvents(r, id, ids));
    } else if (roll < 0.85) {
      // An offer accepted now, applied, or taken back (the row deleted).
      const change = r.pick(['applied', 'applying', 'deleted'] as const);
      if (change === 'deleted') await db.deleteFrom('offers_accepted').where('session_id', '=', id).execute();
      else await db.updateTable('offers_accepted').set({ state: change }).where('session_id', '=', id).execute();
    } else if (roll < 0.9) {
      // One event of the session: if it was an offer shown twice, the session still counts once.
      const events = await db.selectFrom('events').select('id').where('session_id', '=', id).execute();
      if (events.length > 0) await db.deleteFrom('events').where('id', '=', r.pick(events).id).execute();
    } else {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    }
  }
  // Erasure deletes many at once: the subscriber's events, then their sessions (privacy/subscriber.ts).
  const subscriber = `cus_${Math.floor(r.next() * 40)}`;
  const erased = db.selectFrom('sessions').select('id').where('subscriber_id', '=', subscriber);
  await db.deleteFrom('events').where('session_id', 'in', erased).execute();
  await db.deleteFrom('offers_accepted').where('subscriber_id', '=', subscriber).execute();
  await db.deleteFrom('sessions').where('subscriber_id', '=', subscriber).execute();
}
