import { addDays, utcDay } from './days.ts';

/** Months and weeks on ISO days in UTC (see days.ts for why they live apart). */

/**
 * Calendar months later, clamped to the target month's last day, as billing systems count: 31 January
 * plus one month is 28 February (29 in a leap year), never 3 March.
 */
export function addMonths(day: string, months: number): string {
  const start = new Date(Date.parse(day));
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return utcDay(new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay))));
}

/** `day` plus some months, weeks or days (a pause, a trial extension). */
export function addPeriod(day: string, count: number, unit: 'month' | 'week' | 'day'): string {
  return unit === 'month' ? addMonths(day, count) : addDays(day, unit === 'week' ? count * 7 : count);
}

/** The Monday of the ISO week the UTC day of `instant` falls in: the bucket of weekly trends. */
export function weekStart(instant: Date): string {
  return addDays(utcDay(instant), -((instant.getUTCDay() + 6) % 7));
}
