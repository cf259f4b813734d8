import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';

/**
 * Whether billing's latest word on a subscription since `since` (a cancel's confirmation) is
 * `active`: the subscriber took the cancel back on their own (the site's account page, Stripe's
 * portal), as a Stripe webhook or the site's `POST /v1/billing/status` reported. `subscriptionId` is
 * the token's `sid`, else its `sub`, as billing reports it.
 */
export async function resumedInBillingSince(
  db: Kysely<Database>,
  siteId: string,
  subscriptionId: string,
  since: string,
): Promise<boolean> {
  const latest = await db
    .selectFrom('billing_status_changes')
    .select('status')
    .where('site_id', '=', siteId)
    .where('subscription_id', '=', subscriptionId)
    .where('at', '>', since)
    // Of two at the same moment, the one taken in last wins, as for saves (saves/record.ts).
    .orderBy('at', 'desc')
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.status === 'active';
}
