import type { Transaction } from 'kysely';
import { resumedInBillingSince } from '../billing/resumed.ts';
import { sameSubscription } from '../db/same-subscription.ts';
import type { CancellationsTable, Database } from '../db/tables.ts';
import type { LoadedSession } from '../sessions/load.ts';

/**
 * The cancel of this subscription that another session of the subscriber confirmed since this one
 * started, still standing — or undefined. Two tabs opened while the subscription was active each
 * offer the cancel; the second one confirmed used to be told to billing as a cancel of its own and
 * got a receipt and a mail of its own, promising again a refund that billing paid once (the Stripe
 * plugin pays a payment back once). That subscription is cancelled already, on the first receipt's
 * terms: cancel/confirm.ts answers that receipt instead.
 *
 * Only the same site, subscriber and subscription (`sid`; or none: db/same-subscription.ts, as in
 * the accept's `notCancelledElsewhere`). A withdrawal asks for more than a cancel (all paid back, access ends
 * now): after a cancel it still goes to billing, which pays the rest; after a withdrawal it is
 * answered the withdrawal's receipt, as a cancel is. A cancel taken back since — the mail's undo or
 * a win-back (`reactivations`, even one whose outcome billing left unknown), or billing reporting the
 * subscription `active` again — no longer stands: a cancel now is a new one. Read under the lock on
 * the subscriber that every cancel's claim takes (cancel/confirm.ts), so of two at once the second
 * sees the first's outcome.
 */
export async function earlierCancel(
  trx: Transaction<Database>,
  { row, claims }: LoadedSession,
  kind: 'cancel' | 'withdraw',
): Promise<CancellationsTable | undefined> {
  let query = trx
    .selectFrom('cancellations')
    .selectAll()
    .where('site_id', '=', row.site_id)
    .where('subscriber_id', '=', row.subscriber_id)
    .where((eb) => sameSubscription(eb, 'subscription_id', claims.sid ?? null))
    .where('session_id', '!=', row.id)
    .where('state', '=', 'applied')
    .where('confirmed_at', '>=', row.created_at);
  if (kind === 'withdraw') query = query.where('withdrawal', '=', 1);
  // The latest: an earlier one taken back is followed by this one, or by none.
  const earlier = await query.orderBy('confirmed_at', 'desc').limit(1).executeTakeFirst();
  if (!earlier) return undefined;
  const undone = await trx
    .selectFrom('reactivations')
    .select('session_id')
    .where('session_id', '=', earlier.session_id)
    .executeTakeFirst();
  if (undone) return undefined;
  const resumed = await resumedInBillingSince(trx, row.site_id, claims.sid ?? claims.sub, earlier.confirmed_at);
  return resumed ? undefined : earlier;
}
