import { type ResolvedFlow, type SubscriberClaims, utcDay, weekStart } from '@cancelflow/core';
import type { Insertable } from 'kysely';
import type { SessionsTable } from '../db/tables.ts';

export interface SessionStartFacts {
  readonly id: string;
  readonly siteId: string;
  /** The flow config the session was resolved from: each session records the version it ran. */
  readonly config: { readonly id: string; readonly version: number };
  readonly claims: SubscriberClaims;
  readonly flow: ResolvedFlow;
  readonly locale: string;
  /** SHA-256 of the session key: the key itself is never stored. */
  readonly keyHash: string;
  readonly startedAt: Date;
}

/**
 * The row of a session as it starts: open, nothing chosen yet, and the resolution stored whole, since
 * every later re-check reads it. Real sessions and the demo's sample history both build their rows
 * here, so the insights read sample rows exactly as they read real ones.
 */
export function startedSessionRow(s: SessionStartFacts): Insertable<SessionsTable> {
  return {
    id: s.id,
    site_id: s.siteId,
    flow_id: s.config.id,
    flow_version: s.config.version,
    subscriber_id: s.claims.sub,
    subscription_id: s.claims.sid ?? null,
    plan: s.claims.plan ?? null,
    mrr: s.claims.mrr ?? null,
    currency: s.claims.currency ?? null,
    locale: s.locale,
    experiment_id: s.flow.experiment?.id ?? null,
    variant: s.flow.experiment?.variant ?? null,
    holdout: s.flow.experiment?.holdout ? 1 : 0,
    claims_json: JSON.stringify(s.claims),
    flow_json: JSON.stringify(s.flow),
    key_hash: s.keyHash,
    status: 'open',
    reason_id: null,
    offer_id: null,
    created_at: s.startedAt.toISOString(),
    created_day: utcDay(s.startedAt),
    created_week: weekStart(s.startedAt),
    ended_at: null,
  };
}
