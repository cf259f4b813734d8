import type { ResolvedFlow, SubscriberClaims } from '@cancelflow/core';
import type { Kysely } from 'kysely';
import type { SiteConfig, SiteRegistry } from '../config/sites.ts';
import { keyMatches } from '../crypto.ts';
import type { Database, SessionRow } from '../db/tables.ts';
import { HttpError } from '../http/errors.ts';

export interface LoadedSession {
  readonly row: SessionRow;
  readonly site: SiteConfig;
  readonly flow: ResolvedFlow;
  readonly claims: SubscriberClaims;
}

/**
 * Loads a session and checks the presented session key. Unknown session and wrong key both answer
 * 401 with the same message, so ids cannot be probed.
 */
export async function loadSession(
  db: Kysely<Database>,
  sites: SiteRegistry,
  sessionId: string,
  sessionKey: string,
): Promise<LoadedSession> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!row || !keyMatches(sessionKey, row.key_hash)) {
    throw new HttpError('unauthorized', 'unknown session or wrong session key');
  }
  const site = sites.get(row.site_id);
  if (!site) throw new HttpError('not_found', 'this session belongs to a site that is no longer configured');
  return loadedFrom(row, site);
}

/** A stored session with its site: the flow and the claims it was started with, as decisions need them. */
export const loadedFrom = (row: SessionRow, site: SiteConfig): LoadedSession => ({
  row,
  site,
  flow: JSON.parse(row.flow_json) as ResolvedFlow,
  claims: JSON.parse(row.claims_json) as SubscriberClaims,
});
