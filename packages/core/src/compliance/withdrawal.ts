import { addDays, isoDay, utcDay } from '../dates/days.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import { EU_WITHDRAWAL_FROM, EU_WITHDRAWAL_MIN_DAYS } from './rules.ts';

/**
 * Whether the `eu` "withdraw from contract" function is due for this subscriber at `now`, until which
 * day, and the period's length in days (the confirm step names it): from 2026-06-19, while `now` is
 * within the withdrawal period that starts on `since` (the last day counts). The period is the flow's
 * `policy.withdrawalDays`, but never shorter than the statutory 14 days: a config cannot shorten a
 * consumer's right.
 */
export function withdrawalFor(
  subscriber: SubscriberClaims,
  withdrawalDays: number | undefined,
  now: Date,
): { until: string; days: number } | undefined {
  const since = subscriber.since === undefined ? undefined : isoDay(subscriber.since);
  const today = utcDay(now);
  if (since === undefined || today < EU_WITHDRAWAL_FROM || today < since) return undefined;
  const days = Math.max(withdrawalDays ?? EU_WITHDRAWAL_MIN_DAYS, EU_WITHDRAWAL_MIN_DAYS);
  const until = addDays(since, days);
  return today <= until ? { until, days } : undefined;
}
