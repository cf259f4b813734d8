import { addDays, isoDay, utcDay } from '../dates/days.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import { EU_WITHDRAWAL_FROM, EU_WITHDRAWAL_MIN_DAYS } from './rules.ts';

/**
 * How far the EU's time zones reach from UTC either way: UTC−4 (Guadeloupe, Martinique) to UTC+4
 * (Réunion). A legal period counts in the subscriber's calendar days, which we do not know; counted
 * in UTC alone, a German contract concluded at 00:30 (22:30 UTC the day before) lost its last day.
 */
const EU_ZONE_REACH_MS = 4 * 3_600_000;

/**
 * The day the period starts from, in the subscriber's favour: a date as it is given; a date-time as
 * the day it already was somewhere in the EU (its easternmost zone), so that no subscriber's period
 * starts on their day before.
 */
function startDay(since: string): string | undefined {
  const day = isoDay(since);
  return day && since.length > 10 ? utcDay(new Date(Date.parse(since) + EU_ZONE_REACH_MS)) : day;
}

/**
 * Whether a withdrawal period whose last day is `until` is still open at `now`: until that day has
 * ended everywhere in the EU (its westernmost zone). The server re-checks a withdrawal with this.
 */
export function withdrawalOpen(until: string, now: Date): boolean {
  return utcDay(new Date(now.getTime() - EU_ZONE_REACH_MS)) <= until;
}

/**
 * Whether the `eu` "withdraw from contract" function is due for this subscriber at `now`, until which
 * day, and the period's length in days (the confirm step names it): from 2026-06-19, while `now` is
 * within the withdrawal period that starts on `since` (the last day counts). The period is the flow's
 * `policy.withdrawalDays`, but never shorter than the statutory 14 days: a config cannot shorten a
 * consumer's right. Days count in the subscriber's favour across the EU's time zones (see above).
 */
export function withdrawalFor(
  subscriber: SubscriberClaims,
  withdrawalDays: number | undefined,
  now: Date,
): { until: string; days: number } | undefined {
  const since = subscriber.since && startDay(subscriber.since);
  // The latest calendar day it is anywhere in the EU: the function is due there from 2026-06-19.
  const today = utcDay(new Date(now.getTime() + EU_ZONE_REACH_MS));
  if (!since || today < EU_WITHDRAWAL_FROM || today < since) return undefined;
  const days = Math.max(withdrawalDays ?? EU_WITHDRAWAL_MIN_DAYS, EU_WITHDRAWAL_MIN_DAYS);
  const until = addDays(since, days);
  return withdrawalOpen(until, now) ? { until, days } : undefined;
}
