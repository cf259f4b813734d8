import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { StripeBillingConfig } from '../../config/sites.ts';
import type { Database, SubscriptionsTable } from '../../db/tables.ts';
import { recordStatusChange } from '../../saves/record.ts';
import { planForPrice } from './prices.ts';
import { customerOf, dayOf } from './subscription.ts';

/** How long event ids are kept for spotting replays: Stripe stops retrying a delivery after three days. */
const REPLAY_WINDOW_DAYS = 30;

export type EventOutcome = 'applied' | 'stale' | 'ignored' | 'duplicate';

/** The server's status for a Stripe subscription: what the subscriber has now. */
function statusOf(s: Stripe.Subscription): SubscriptionsTable['status'] {
  if (s.status === 'canceled' || s.status === 'incomplete_expired') return 'cancelled';
  if (s.pause_collection || s.status === 'paused') return 'paused';
  if (s.cancel_at_period_end || s.cancel_at) return 'cancelling';
  if (s.status === 'past_due' || s.status === 'unpaid') return 'past_due';
  return 'active';
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The status change an event makes, for verifying saves (saves/record.ts). */
const change = (siteId: string, event: Stripe.Event, subscriptionId: string, customer: string) => ({
  site_id: siteId,
  change_id: event.id,
  subscription_id: subscriptionId,
  subscriber_id: customer,
  at: iso(event.created),
  source: 'stripe' as const,
});

/**
 * The subscription an invoice bills: its parent since API version 2025-03-31, `invoice.subscription`
 * before (a webhook endpoint sends events in its own API version, which may be older than the SDK's).
 */
function invoiceSubscription(invoice: Stripe.Invoice): string | undefined {
  const legacy = (invoice as { subscription?: string | { id: string } | null }).subscription;
  const s = invoice.parent?.subscription_details?.subscription ?? legacy;
  return typeof s === 'string' ? s : s?.id;
}

/**
 * Takes in one verified Stripe event for a site, once: the event id is recorded in the same
 * transaction as the change, so a replay finds it and changes nothing. Subscription events carry the
 * whole subscription; its state replaces the row's unless the row came from a later event (Stripe
 * does not deliver in order). Invoice events move the latest failed or paid payment forward only,
 * so their order does not matter either.
 */
export async function takeStripeEvent(
  db: Kysely<Database>,
  siteId: string,
  config: StripeBillingConfig,
  event: Stripe.Event,
  now: Date,
): Promise<EventOutcome> {
  return db.transaction().execute(async (trx) => {
    const cutoff = new Date(now.getTime() - REPLAY_WINDOW_DAYS * 86_400_000).toISOString();
    await trx.deleteFrom('stripe_events').where('site_id', '=', siteId).where('received_at', '<', cutoff).execute();
    const seen = await trx
      .insertInto('stripe_events')
      .values({ site_id: siteId, event_id: event.id, type: event.type, received_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['site_id', 'event_id']).doNothing())
      .executeTakeFirst();
    if (Number(seen.numInsertedOrUpdatedRows ?? 0n) === 0) return 'duplicate';

    const at = iso(event.created);
    if (event.type.startsWith('customer.subscription.')) {
      const s = event.data.object as Stripe.Subscription;
      const price = s.items.data[0]?.price.id;
      const state = {
        subscriber_id: customerOf(s),
        plan: price ? planForPrice(price, config.prices) : null,
        status: statusOf(s),
        paused_until: s.pause_collection?.resumes_at ? dayOf(s.pause_collection.resumes_at) : null,
        trial_end: s.trial_end ? dayOf(s.trial_end) : null,
        cancel_at: s.ended_at ? dayOf(s.ended_at) : s.cancel_at ? dayOf(s.cancel_at) : null,
        billing_event_at: at,
        updated_at: now.toISOString(),
      };
      // Saves of this subscription are verified by it, even when a later event already set the row.
      await recordStatusChange(trx, { ...change(siteId, event, s.id, state.subscriber_id), status: state.status }, now);
      const result = await trx
        .insertInto('subscriptions')
        .values({ site_id: siteId, subscription_id: s.id, discount_json: null, ...state })
        .onConflict((oc) =>
          oc
            .columns(['site_id', 'subscription_id'])
            .doUpdateSet(state)
            // Events of one second come in no certain order; an ended subscription stays ended then.
            .where((eb) =>
              eb.or([
                eb('subscriptions.billing_event_at', 'is', null),
                eb('subscriptions.billing_event_at', '<', at),
                eb.and([eb('subscriptions.billing_event_at', '=', at), eb('subscriptions.status', '!=', 'cancelled')]),
              ]),
            ),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? 'applied' : 'stale';
    }
    const paid = event.type === 'invoice.paid';
    if (paid || event.type === 'invoice.payment_failed') {
      const invoice = event.data.object as Stripe.Invoice;
      const subscriptionId = invoiceSubscription(invoice);
      if (!subscriptionId) return 'ignored';
      const column = paid ? 'last_paid_at' : 'payment_failed_at';
      const customer = typeof invoice.customer === 'string' ? invoice.customer : (invoice.customer?.id ?? '');
      // A row for a subscription not heard of yet: its state arrives with its own events.
      await trx
        .insertInto('subscriptions')
        .values({
          site_id: siteId,
          subscription_id: subscriptionId,
          subscriber_id: customer,
          plan: null,
          status: 'active',
          paused_until: null,
          discount_json: null,
          trial_end: null,
          cancel_at: null,
          updated_at: now.toISOString(),
          [column]: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['site_id', 'subscription_id'])
            .doUpdateSet({ [column]: at, updated_at: now.toISOString() })
            .where((eb) => eb.or([eb(`subscriptions.${column}`, 'is', null), eb(`subscriptions.${column}`, '<', at)])),
        )
        .execute();
      // A failed payment stops a save from counting; a paid one counts again, unless it was the last
      // invoice of a subscription that is ending or paused (its own events say so).
      const row = await trx
        .selectFrom('subscriptions')
        .select('status')
        .where('site_id', '=', siteId)
        .where('subscription_id', '=', subscriptionId)
        .executeTakeFirst();
      const status = paid
        ? row?.status === 'past_due' || row?.status === 'active'
          ? 'active'
          : undefined
        : 'past_due';
      if (status) await recordStatusChange(trx, { ...change(siteId, event, subscriptionId, customer), status }, now);
      return 'applied';
    }
    return 'ignored';
  });
}
