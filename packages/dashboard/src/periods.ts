import type { Period } from './types.ts';

/** Today's UTC day, as the API's days are: "2026-12-02". */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);

/** The first and last UTC day of a trends period ("2026-11-30" for a week or day, "2026-11" for a month). */
export function periodDays(period: string, by: Period): { first: string; last: string } {
  const first = by === 'month' ? `${period.slice(0, 7)}-01` : period.slice(0, 10);
  const start = new Date(`${first}T00:00:00Z`);
  const end = new Date(start);
  if (by === 'week') end.setUTCDate(end.getUTCDate() + 6);
  if (by === 'month') end.setUTCMonth(end.getUTCMonth() + 1, 0);
  return { first, last: end.toISOString().slice(0, 10) };
}

/**
 * Whether only part of a period is counted: the range starts after its first day (`from`) or ends
 * before its last (`to`), or the period is not over yet (today is one of its days, the last included).
 * Its counts are then lower than a whole period's, and a chart's last point falls for no other reason.
 */
export function isPartial(period: string, by: Period, range: { from?: string; to?: string; today: string }): boolean {
  const { first, last } = periodDays(period, by);
  return (!!range.from && range.from > first) || (!!range.to && range.to < last) || range.today <= last;
}
