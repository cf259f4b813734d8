/**
 * The one date module (this folder): calendar arithmetic on ISO days (`YYYY-MM-DD`) in UTC. The widget,
 * the server, the CLI demo and the adapters all use it, so the day a pause ends or access stops is the
 * same in the subscriber's browser, in billing and on the receipt, whatever time zone each runs in.
 * Days here; months and weeks in calendar.ts, a separate file so that the widget's first screen (which
 * needs only days) does not fetch them.
 */

export const DAY_MS = 86_400_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
/** A date-time that names its offset from UTC (`Z`, `+02:00`): an instant, whatever the reader's zone. */
const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The day (`YYYY-MM-DD`) of an ISO date, or of an ISO date-time with its offset: that instant's day in
 * UTC, as every day here is counted (`2027-01-15T23:30:00-05:00` is 16 January). Undefined when it is
 * not one, or names no real day (`2027-02-30`, which `Date.parse` would roll over into March).
 */
export function isoDay(value: string): string | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const day = value.slice(0, 10);
  const start = Date.parse(day);
  if (Number.isNaN(start) || utcDay(new Date(start)) !== day) return undefined;
  if (value.length === 10 || !WITH_OFFSET.test(value)) return day;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? undefined : utcDay(new Date(instant));
}

/** Whether `value` is a day as claims give one: an ISO date, or a date-time with its offset, naming a real day. */
export const isDayClaim = (value: string): boolean =>
  (value.length === 10 || WITH_OFFSET.test(value)) && isoDay(value) !== undefined;

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
