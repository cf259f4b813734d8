/** Date arithmetic on ISO dates in UTC: the browser and the server must agree whatever their time zones. */

export const DAY_MS = 86_400_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** The `YYYY-MM-DD` part of an ISO date or date-time, or undefined when it is not one. */
export function isoDay(value: string): string | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const day = value.slice(0, 10);
  return Number.isNaN(Date.parse(day)) ? undefined : day;
}

/** Midnight UTC of an ISO date (or of the date part of a date-time), in milliseconds. */
export function dayStart(value: string): number | undefined {
  const day = isoDay(value);
  return day === undefined ? undefined : Date.parse(day);
}

/** The UTC calendar day of an instant, as `YYYY-MM-DD`. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from the ISO date `since` to the UTC day of `now` (negative when in the future). */
export function daysSince(since: string, now: Date): number | undefined {
  const start = dayStart(since);
  if (start === undefined) return undefined;
  return Math.round((Date.parse(utcDay(now)) - start) / DAY_MS);
}
