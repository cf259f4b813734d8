import type { OfferStage } from '@cancelflow/core';
import type { Kysely } from 'kysely';
import type { DbKind } from '../db/kind.ts';
import type { RollupSpec } from '../db/rollup-spec.ts';
import { createSessionCopy, type SessionCopySpec } from '../db/session-copy.ts';

/**
 * The offers report counts, per offer, the sessions shown it (distinct sessions, however many
 * `offer_shown` events each sent) and the accepted offers applied, with their sessions' MRR. Read
 * from `events` and `offers_accepted` joined to `sessions`, that is a pass over every such row; two
 * rollups answer it in a few rows per day instead:
 *
 * - `offers_shown`: each (session, offer) an `offer_shown` event names, with the session's site, flow
 *   and day; counted per site, flow, day and offer by `offers_shown_rollup`.
 * - `offers_applied`: each accepted offer applied, with its session's site, flow, day, currency and
 *   MRR; counted (and the MRR summed) per site, flow, day, offer, offer type and currency by
 *   `offers_applied_rollup`.
 *
 * The copies are kept by triggers (db/session-copy.ts), the rollups by the appending triggers and
 * the folder of db/rollup.ts, all in the writers' transactions.
 */
export const OFFERS_SHOWN: SessionCopySpec = {
  table: 'offers_shown',
  child: 'events',
  childColumns: ['offer_id'],
  sessionColumns: ['site_id', 'flow_id', 'created_day'],
  when: (row) => `${row}.type = 'offer_shown' and ${row}.offer_id is not null`,
};

export const OFFERS_SHOWN_ROLLUP: RollupSpec = {
  source: 'offers_shown',
  table: 'offers_shown_rollup',
  view: 'offers_shown_counts',
  key: ['site_id', 'flow_id', 'created_day', 'offer_id'],
  nullable: new Set(),
  integers: new Set(),
  mrr: false,
  foldLock: 7_210_433,
};

/**
 * Counted per `stage` too (migration 0015): an offer taken after the cancel (the done step's), or
 * taken and then cancelled in the same session, is an offer accepted, but it saved nothing, so its
 * session's MRR is not MRR saved.
 */
export const OFFERS_APPLIED: SessionCopySpec = {
  table: 'offers_applied',
  child: 'offers_accepted',
  childColumns: ['offer_id', 'offer_type', 'stage'],
  sessionColumns: ['site_id', 'flow_id', 'created_day', 'currency', 'mrr'],
  when: (row) => `${row}.state = 'applied'`,
};

export const OFFERS_APPLIED_ROLLUP: RollupSpec = {
  source: 'offers_applied',
  table: 'offers_applied_rollup',
  view: 'offers_applied_counts',
  key: ['site_id', 'flow_id', 'created_day', 'offer_id', 'offer_type', 'stage', 'currency'],
  nullable: new Set(['currency']),
  integers: new Set(),
  mrr: true,
  foldLock: 7_210_434,
};

/** As migration 0014 made them, before `stage` (migrations never change once shipped). */
export const OFFERS_APPLIED_0014: SessionCopySpec = { ...OFFERS_APPLIED, childColumns: ['offer_id', 'offer_type'] };
export const OFFERS_APPLIED_ROLLUP_0014: RollupSpec = {
  ...OFFERS_APPLIED_ROLLUP,
  key: ['site_id', 'flow_id', 'created_day', 'offer_id', 'offer_type', 'currency'],
};

/**
 * When an accepted offer was taken: before the cancel (a save), after it (the done step's offer, which
 * saves nothing), or `cancelled_after`: before the cancel, but the subscriber cancelled afterwards in
 * the same session, so it saved nothing either (it stays recorded: billing applied it).
 */
export type AcceptedStage = OfferStage | 'cancelled_after';

export interface OffersShownTable {
  session_id: string;
  offer_id: string;
  site_id: string;
  flow_id: string;
  created_day: string;
}

export interface OffersShownRollupTable {
  site_id: string;
  flow_id: string;
  created_day: string;
  offer_id: string;
  /** Postgres returns bigint sums as strings: read them with `Number()`. */
  n: number | string;
}

export interface OffersAppliedTable {
  session_id: string;
  offer_id: string;
  offer_type: string;
  stage: AcceptedStage;
  site_id: string;
  flow_id: string;
  created_day: string;
  currency: string | null;
  mrr: number | null;
}

export interface OffersAppliedRollupTable {
  site_id: string;
  flow_id: string;
  created_day: string;
  offer_id: string;
  offer_type: string;
  stage: AcceptedStage;
  /** `''` for none. */
  currency: string;
  n: number | string;
  mrr_micros: number | string;
  mrr_count: number | string;
}

/** The copies, filled from the rows already stored, with their triggers (migration 0014). */
export async function createOfferCopies(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  await createSessionCopy(db, kind, OFFERS_SHOWN);
  await createSessionCopy(db, kind, OFFERS_APPLIED_0014, { mrr: 'double precision' });
}
