import type { Kysely } from 'kysely';
import type { ApplyOfferResult } from '../billing/types.ts';
import type { Database } from '../db/tables.ts';
import { inBatches, keepKeys } from './reduce.ts';

/**
 * What an accepted offer keeps of its billing plugin's answer once its site's `retentionDays` passed:
 * the change itself (the day a pause ends, the plan now in force, the day a trial ends), which names
 * no one. `message` is a line the site's billing wrote for this subscriber ("Jane, your plan is
 * paused…"), and a plugin may answer more than the documented fields: nothing reads them after the session (insights count the
 * offer, receipts and mail never read the answer), so they are dropped.
 */
const KEPT_RESULT = ['resumesOn', 'planId', 'trialEndsOn'] as const satisfies readonly (keyof ApplyOfferResult)[];

export const minimalResult = (json: string | null): string | null =>
  json === null ? null : keepKeys(json, KEPT_RESULT);

/**
 * Reduces `result_json` of a site's offers accepted before `cutoff` to `KEPT_RESULT`, and marks them so
 * later runs skip them. An accept still being applied (`applying`) has no answer yet: it waits.
 */
export function minimizeOfferResults(db: Kysely<Database>, siteId: string, cutoff: string): Promise<number> {
  return inBatches(
    (limit) =>
      db
        .selectFrom('offers_accepted')
        .select(['session_id', 'result_json'])
        .where('site_id', '=', siteId)
        .where('result_minimized', '=', 0)
        .where('accepted_at', '<', cutoff)
        .where('state', '=', 'applied')
        .limit(limit)
        .execute(),
    (row) =>
      db
        .updateTable('offers_accepted')
        .set({ result_json: minimalResult(row.result_json), result_minimized: 1 })
        .where('session_id', '=', row.session_id)
        .execute(),
  );
}
