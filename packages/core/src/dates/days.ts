/**
 * The one date module (this folder): calendar arithmetic on ISO days (`YYYY-MM-DD`) in UTC. The widget,
 * the server, the CLI demo and the adapters all use it, so the day a pause ends or access stops is the
 * same in the subscriber's browser, in billing and on the receipt, whatever time zone each runs in.
 * Days here; months and weeks in calendar.ts, a separate file so that the widget's first screen (which
 * needs only days) does not fetch them.
 */

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

/** The instant `days` whole days after (or before, when negative) `instant`: cut-offs and windows. */
export function shiftDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(day) + days * DAY_MS));
}

/** Whole calendar days from the ISO date `since` to the UTC day of `now` (negative when in the future). */
export function daysSince(since: string, now: Date): number | undefined {
  const start = dayStart(since);
  if (start === undefined) return undefined;
  return Math.round((Date.parse(utcDay(now)) - start) / DAY_MS);
}
