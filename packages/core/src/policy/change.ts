import type { Offer, OfferOfType, OfferType } from '../config/index.ts';
import { addPeriod } from '../dates/calendar.ts';
import { addDays, isoDay, utcDay } from '../dates/days.ts';
import type { OfferChoice, OfferResult } from '../events.ts';
import type { Translator } from '../i18n/translator.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import { discountTitle } from './discount-title.ts';

/** An accepted offer, as `EngineState.acceptedOffer` holds it: what was chosen and what billing said. */
export interface AcceptedChange {
  readonly choice?: OfferChoice;
  readonly result?: OfferResult;
}

type Namer<T extends OfferType> = (
  t: Translator,
  offer: OfferOfType<T>,
  accepted: AcceptedChange,
  subscriber: SubscriberClaims,
  today: string,
) => string | undefined;

/**
 * How each offer type names its change. Dates and plans come from billing's answer when it gave them
 * (what billing stored), else from the choice, counted by the same date module billing uses. A new
 * offer type fails the typecheck until it is named here.
 */
const NAME: { [T in OfferType]: Namer<T> } = {
  discount: (t, offer) => discountTitle(t, offer),
  pause: (t, offer, { choice, result }, _subscriber, today) => {
    const weeks = offer.unit === 'week';
    const resumesOn =
      result?.resumesOn ?? addPeriod(today, (weeks ? choice?.weeks : choice?.months) ?? 1, weeks ? 'week' : 'month');
    return t.t('done.paused', { date: t.date(resumesOn, 'long') });
  },
  plan_change: (t, offer, { choice, result }) => {
    const id = result?.planId ?? choice?.planId ?? offer.plans[0]?.id;
    const plan = offer.plans.find((p) => p.id === id);
    return id === undefined ? undefined : t.t('done.planChanged', { plan: plan ? t.text(plan.name) : id });
  },
  trial_extension: (t, offer, { result }, { trialEnds }) => {
    const from = trialEnds ? isoDay(trialEnds) : undefined;
    const ends = result?.trialEndsOn ?? (from ? addDays(from, offer.days) : undefined);
    return ends ? t.t('trial.endsOn', { date: t.date(ends, 'long') }) : t.t('trial.days', { days: offer.days });
  },
  // These change nothing in billing that we could name; billing's own message, if any, says what happened.
  contact: () => undefined,
  redirect: () => undefined,
  custom: () => undefined,
};

/**
 * Whether taking an offer of this type changes the subscription in billing (so that there is a change
 * to confirm): a call booked, a link followed or a custom action changes nothing we could name.
 */
export const CHANGES_SUBSCRIPTION: { readonly [T in OfferType]: boolean } = {
  discount: true,
  pause: true,
  plan_change: true,
  trial_extension: true,
  contact: false,
  redirect: false,
  custom: false,
};

/**
 * What an accepted offer changed, in the subscriber's words, for the done step — "Your subscription
 * is paused until 28 February 2027", "30% off for 3 months" — then billing's own message as written.
 * Empty when there is nothing to name.
 */
export function changeLines(
  t: Translator,
  offer: Offer,
  accepted: AcceptedChange,
  subscriber: SubscriberClaims,
  now: Date,
): string[] {
  const name = (NAME[offer.type] as Namer<OfferType>)(t, offer, accepted, subscriber, utcDay(now));
  return [name, accepted.result?.message].filter((line): line is string => Boolean(line));
}
