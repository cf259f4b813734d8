import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import type { InsightFilters } from './filters.ts';

/**
 * A site taken out of the sites file keeps its sessions in the database, and their history is still
 * worth reading: the insights take its id as long as a session of it is stored. Only an id that is
 * neither configured nor stored is refused (404), since zeros for it would read as "no cancellations".
 */
export async function checkSiteFilter(deps: Pick<AppDeps, 'db' | 'sites'>, f: InsightFilters): Promise<void> {
  if (!f.siteId || deps.sites.get(f.siteId)) return;
  // One row through the (site_id, created_at) index: cheap even on a large table.
  const stored = await deps.db
    .selectFrom('sessions')
    .select('id')
    .where('site_id', '=', f.siteId)
    .limit(1)
    .executeTakeFirst();
  if (!stored)
    throw new HttpError(
      'not_found',
      `no site "${f.siteId}": it is not in the sites file and no session of it is stored`,
    );
}

/** A site with stored sessions that the sites file no longer has, and the flow its newest sessions ran. */
export interface RemovedSite {
  readonly id: string;
  readonly flowId: string;
}

/**
 * The sites with stored sessions that are not configured, by id. Read from the sessions rollup (a few
 * rows per site and day), not from the sessions themselves.
 */
export async function removedSites(db: Kysely<Database>, configured: readonly string[]): Promise<RemovedSite[]> {
  let query = db
    .selectFrom('session_counts')
    .select(['site_id', 'flow_id'])
    .select((eb) => eb.fn.max('created_day').as('last_day'))
    .groupBy(['site_id', 'flow_id']);
  if (configured.length > 0) query = query.where('site_id', 'not in', configured);
  const rows = await query.execute();
  const newest = new Map<string, { flowId: string; lastDay: string }>();
  for (const row of rows) {
    const seen = newest.get(row.site_id);
    if (!seen || row.last_day > seen.lastDay) newest.set(row.site_id, { flowId: row.flow_id, lastDay: row.last_day });
  }
  return [...newest]
    .map(([id, { flowId }]) => ({ id, flowId }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
