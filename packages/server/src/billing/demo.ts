import { addDays, addMonths, addPeriod, isoDay, type OfferType, type SubscriberClaims, utcDay } from '@cancelflow/core';
import type { Kysely } from 'kysely';
import type { Database, SubscriptionsTable } from '../db/tables.ts';
import { activeSubscriptionRow } from '../demo/subscriptions.ts';
import { recordStatusChange } from '../saves/record.ts';
import type {
  ApplyOfferRequest,
  ApplyOfferResult,
  BillingContext,
  BillingPlugin,
  CancelRequest,
  SubscriptionFacts,
} from './types.ts';

type LedgerChange = Partial<
  Pick<SubscriptionsTable, 'plan' | 'status' | 'paused_until' | 'discount_json' | 'trial_end' | 'cancel_at'>
>;

/** What each offer type does to the demo ledger. A new offer type fails the build until it is handled here. */
const APPLY: { [T in OfferType]: (r: ApplyOfferRequest) => { change: LedgerChange; result: ApplyOfferResult } } = {
  discount: ({ offer, now }) => {
    if (offer.type !== 'discount') throw new TypeError('offer type mismatch');
    const until = addMonths(utcDay(now), offer.months);
    const { percentOff, amountOff, months, coupon } = offer;
    return {
      change: { status: 'active', discount_json: JSON.stringify({ percentOff, amountOff, months, coupon, until }) },
      result: {},
    };
  },
  pause: ({ offer, choice, now }) => {
    if (offer.type !== 'pause') throw new TypeError('offer type mismatch');
    const resumesOn =
      offer.unit === 'week'
        ? addPeriod(utcDay(now), choice?.weeks ?? 1, 'week')
        : addPeriod(utcDay(now), choice?.months ?? 1, 'month');
    return { change: { status: 'paused', paused_until: resumesOn }, result: { resumesOn } };
  },
  plan_change: ({ offer, choice }) => {
    if (offer.type !== 'plan_change') throw new TypeError('offer type mismatch');
    const planId = choice?.planId ?? offer.plans[0]?.id ?? null;
    return { change: { status: 'active', plan: planId }, result: planId ? { planId } : {} };
  },
  trial_extension: ({ offer, claims, now }) => {
    if (offer.type !== 'trial_extension') throw new TypeError('offer type mismatch');
    const from = (claims.trialEnds && isoDay(claims.trialEnds)) ?? utcDay(now);
    const trialEndsOn = addDays(from, offer.days);
    return { change: { status: 'active', trial_end: trialEndsOn }, result: { trialEndsOn } };
  },
  contact: () => ({ change: {}, result: {} }),
  redirect: () => ({ change: {}, result: {} }),
  custom: () => ({ change: {}, result: {} }),
};

/**
 * The demo billing plugin: a subscription ledger in the server's own database. It shows what a real
 * plugin does without a billing provider, and lets the demo and the tests observe the effect.
 */
export function demoBilling(db: Kysely<Database>): BillingPlugin {
  /** Changes the ledger, and tells the saves of this subscription what billing now says (saves/record.ts). */
  async function upsert(request: BillingContext, change: LedgerChange) {
    const { siteId, claims, now } = request;
    const subscription = { subscriberId: claims.sub, subscriptionId: claims.sid ?? claims.sub, plan: claims.plan };
    const row = { ...activeSubscriptionRow(siteId, subscription, now), ...change };
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('subscriptions')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['site_id', 'subscription_id']).doUpdateSet({ ...change, updated_at: row.updated_at }),
        )
        .execute();
      if (!change.status) return;
      const status = {
        site_id: siteId,
        change_id: request.idempotencyKey,
        subscription_id: row.subscription_id,
        subscriber_id: claims.sub,
        status: change.status,
        at: row.updated_at,
        source: 'demo' as const,
      };
      await recordStatusChange(trx, status, now);
    });
  }
  return {
    async applyOffer(request) {
      const { change, result } = APPLY[request.offer.type](request);
      await upsert(request, change);
      return result;
    },
    async cancel(request: CancelRequest) {
      const { effectiveOn } = request;
      // Without a day, access runs to the end of the current period: cancelling, not yet cancelled.
      const ended = effectiveOn !== undefined && effectiveOn <= utcDay(request.now);
      const change: LedgerChange = { status: ended ? 'cancelled' : 'cancelling', cancel_at: effectiveOn ?? null };
      await upsert(request, change);
    },
    lookup: async ({ claims, now }) => demoPeriod(claims, utcDay(now)),
    // Undo or win-back: running again, with the win-back's offer applied like an accepted one.
    async reactivate(request) {
      const { offer } = request;
      const applied = offer ? APPLY[offer.type]({ ...request, offerId: request.offerId ?? '', offer }).change : {};
      await upsert(request, { ...applied, status: 'active', cancel_at: null });
    },
  };
}

/**
 * The demo's billing model: monthly, on the day the subscription started (`since`), as most
 * providers bill; the last payment was the current price (`price`, else `mrr`). A real plugin asks
 * its provider (Stripe: the subscription's current period end and its latest paid invoice).
 */
function demoPeriod(claims: SubscriberClaims, today: string): SubscriptionFacts {
  const since = claims.since ? isoDay(claims.since) : undefined;
  if (!since || since > today) return {};
  let months = (Number(today.slice(0, 4)) - Number(since.slice(0, 4))) * 12;
  months += Number(today.slice(5, 7)) - Number(since.slice(5, 7));
  if (addMonths(since, months) > today) months -= 1;
  const paid = claims.price ?? claims.mrr;
  return {
    periodEnd: addMonths(since, months + 1),
    lastPaymentOn: addMonths(since, months),
    ...(paid !== undefined && { lastPaymentAmount: paid }),
  };
}
