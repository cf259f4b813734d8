import type { Offer } from '../config/index.ts';
import { DAY_MS } from '../dates/days.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import type { PriorOffer, ResolvedFlow } from './types.ts';

/**
 * Whether an offer of this type is still cooling down for the subscriber: one of the same type was
 * shown fewer than `cooldownDays[type]` days before `now`. Unreadable history entries are ignored.
 */
export function inCooldown(
  type: Offer['type'],
  cooldownDays: Partial<Record<Offer['type'], number>> | undefined,
  history: readonly PriorOffer[],
  now: Date,
): boolean {
  const days = cooldownDays?.[type];
  if (!days) return false;
  return history.some((prior) => {
    if (prior.offerType !== type) return false;
    const shownAt = Date.parse(prior.shownAt);
    return !Number.isNaN(shownAt) && now.getTime() - shownAt < days * DAY_MS;
  });
}

/**
 * The offer as this subscriber can get it, or undefined. A trial extension means nothing to a
 * subscriber the token says is not in a trial; an amount off, or a plan, in one currency is not one a
 * subscriber billed in another can get ("$10 off", "Starter $9 per month" to a payer in euros): a plan
 * change keeps the plans in their currency, and is dropped with none.
 */
export function forSubscriber<O extends Offer>(offer: O, subscriber: SubscriberClaims): O | undefined {
  if (offer.type === 'trial_extension') return subscriber.trial === false ? undefined : offer;
  const currency = subscriber.currency?.toUpperCase();
  if (!currency) return offer;
  const theirs = (price: { readonly currency: string }) => price.currency.toUpperCase() === currency;
  if (offer.type === 'discount' && offer.amountOff) return theirs(offer.amountOff) ? offer : undefined;
  if (offer.type === 'plan_change') {
    const plans = offer.plans.filter((plan) => theirs(plan.price));
    return plans.length > 0 ? { ...offer, plans } : undefined;
  }
  return offer;
}

export type OfferStage = 'before_cancel' | 'after_cancel';

/**
 * The server's re-check: may this subscriber accept this offer in this resolved flow? With a
 * `stage`, also whether it may appear at that point of the session (`after_cancel`: only the done
 * step's offer). `maxOffersPerSession` depends on the session's history: the caller counts that.
 */
export function isOfferEligible(resolved: ResolvedFlow, offerId: string, stage?: OfferStage): boolean {
  if (!Object.hasOwn(resolved.offers, offerId)) return false;
  if (stage === 'after_cancel') return resolved.afterCancelOffer === offerId;
  if (stage === 'before_cancel') return resolved.offersBeforeCancel && beforeCancelOfferIds(resolved).has(offerId);
  return true;
}

/** The offers a resolved flow may show before the cancel: those of reasons and of offer steps. */
export function beforeCancelOfferIds(resolved: ResolvedFlow): Set<string> {
  const ids = new Set<string>();
  if (!resolved.offersBeforeCancel) return ids;
  for (const offer of Object.values(resolved.reasonOffers)) ids.add(offer.id);
  for (const step of resolved.steps) {
    if (step.type === 'offer' && step.offer !== undefined && Object.hasOwn(resolved.offers, step.offer)) {
      ids.add(step.offer);
    }
  }
  return ids;
}

/**
 * The offers the engine can show before the cancel to a subscriber who gave `reasonId` (or none):
 * on an offer step, the offer that fits the reason, else the step's own offer. The server accepts
 * only one of these, so an offer of another reason, never shown, cannot be taken.
 */
export function offersShownFor(resolved: ResolvedFlow, reasonId: string | undefined): Set<string> {
  const ids = new Set<string>();
  if (!resolved.offersBeforeCancel) return ids;
  const forReason = reasonId !== undefined && Object.hasOwn(resolved.reasonOffers, reasonId) ? reasonId : undefined;
  for (const step of resolved.steps) {
    if (step.type !== 'offer') continue;
    if (forReason !== undefined) ids.add((resolved.reasonOffers[forReason] as { id: string }).id);
    if (step.offer !== undefined && Object.hasOwn(resolved.offers, step.offer)) ids.add(step.offer);
  }
  return ids;
}

/** Whether `reasonId` is one of the flow's survey reasons (what a browser or API client sends is checked against it). */
export function isFlowReason(resolved: ResolvedFlow, reasonId: string): boolean {
  return resolved.steps.some((s) => s.type === 'survey' && s.reasons.some((r) => r.id === reasonId));
}
