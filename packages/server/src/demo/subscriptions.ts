import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';

export interface DemoSubscription {
  readonly subscriberId: string;
  /** Defaults to the subscriber id, as the demo billing plugin keys a token without `sid`. */
  readonly subscriptionId?: string;
  readonly plan?: string;
}

/**
 * Puts subscriptions into the demo billing ledger (`billing: { type: "demo" }`) as active, replacing
 * what was there: the state a demo starts from, and what "reset" goes back to.
 */
export async function seedSubscriptions(
  db: Kysely<Database>,
  siteId: string,
  subscriptions: readonly DemoSubscription[],
  now: Date = new Date(),
): Promise<void> {
  if (subscriptions.length === 0) return;
  const fresh = {
    status: 'active' as const,
    paused_until: null,
    discount_json: null,
    trial_end: null,
    cancel_at: null,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('subscriptions')
    .values(
      subscriptions.map((s) => ({
        site_id: siteId,
        subscription_id: s.subscriptionId ?? s.subscriberId,
        subscriber_id: s.subscriberId,
        plan: s.plan ?? null,
        ...fresh,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['site_id', 'subscription_id']).doUpdateSet((eb) => ({
        ...fresh,
        plan: eb.ref('excluded.plan'),
        subscriber_id: eb.ref('excluded.subscriber_id'),
      })),
    )
    .execute();
}
