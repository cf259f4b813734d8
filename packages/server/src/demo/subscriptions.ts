import type { Insertable, Kysely } from 'kysely';
import type { Database, SubscriptionsTable } from '../db/tables.ts';

export interface DemoSubscription {
  readonly subscriberId: string;
  /** Defaults to the subscriber id, as the demo billing plugin keys a token without `sid`. */
  readonly subscriptionId?: string;
  readonly plan?: string;
}

/** What a subscription in the demo ledger holds before any offer or cancel: active, nothing applied. */
function untouched(now: Date) {
  return {
    status: 'active' as const,
    paused_until: null,
    discount_json: null,
    trial_end: null,
    cancel_at: null,
    updated_at: now.toISOString(),
  };
}

/**
 * A subscription's row in the demo ledger (`billing: { type: "demo" }`) as it starts: what a seed
 * writes, and what the demo billing plugin changes when it first sees a subscription.
 */
export function activeSubscriptionRow(
  siteId: string,
  subscription: DemoSubscription,
  now: Date,
): Insertable<SubscriptionsTable> {
  return {
    site_id: siteId,
    subscription_id: subscription.subscriptionId ?? subscription.subscriberId,
    subscriber_id: subscription.subscriberId,
    plan: subscription.plan ?? null,
    ...untouched(now),
  };
}

/**
 * Puts subscriptions into the demo billing ledger as active, replacing what was there: the state a
 * demo starts from, and what "reset" goes back to.
 */
export async function seedSubscriptions(
  db: Kysely<Database>,
  siteId: string,
  subscriptions: readonly DemoSubscription[],
  now: Date = new Date(),
): Promise<void> {
  if (subscriptions.length === 0) return;
  await db
    .insertInto('subscriptions')
    .values(subscriptions.map((s) => activeSubscriptionRow(siteId, s, now)))
    .onConflict((oc) =>
      oc.columns(['site_id', 'subscription_id']).doUpdateSet((eb) => ({
        ...untouched(now),
        plan: eb.ref('excluded.plan'),
        subscriber_id: eb.ref('excluded.subscriber_id'),
      })),
    )
    .execute();
}
