import { addDays, addMonths, weekStart } from '@cancelflow/core';
import type { InsightFilters } from './filters.ts';
import type { TrendPeriod } from './queries.ts';

/**
 * The most periods a range may add beyond the ones holding sessions (ten years of days): a `from` of
 * 1970 by day would otherwise answer with twenty thousand empty rows.
 */
const MAX_PERIODS = 3700;

/** The period a UTC day falls in, as the trends report names it: the day, its week's Monday, its month. */
export function periodOf(day: string, by: TrendPeriod): string {
  if (by === 'day') return day;
  if (by === 'week') return weekStart(new Date(`${day}T00:00:00Z`));
  return day.slice(0, 7);
}

const next = (period: string, by: TrendPeriod): string =>
  by === 'month' ? addMonths(`${period}-01`, 1).slice(0, 7) : addDays(period, by === 'week' ? 7 : 1);

/** Every period from `first` to `last`, both included, oldest first; undefined past `limit` of them. */
function periodsBetween(first: string, last: string, by: TrendPeriod, limit: number): string[] | undefined {
  const all: string[] = [];
  for (let p = first; p <= last; p = next(p, by)) {
    if (all.length >= limit) return undefined;
    all.push(p);
  }
  return all;
}

/**
 * Every period a trends report covers, the ones without a session included, oldest first: from the
 * filter's `from` (else the first period with sessions) to its `to` but never past today (else the
 * last period with sessions). Leaving an empty period out would read as no gap at all: a chart would
 * draw a straight line across it and a table would skip it. With no session at all, none.
 */
export function coveredPeriods(
  found: readonly string[],
  by: TrendPeriod,
  range: Pick<InsightFilters, 'from' | 'to'>,
  today: string,
): string[] {
  if (found.length === 0) return [];
  const sorted = [...found].sort();
  const [oldest, newest] = [sorted[0] as string, sorted[sorted.length - 1] as string];
  const min = (a: string, b: string) => (a < b ? a : b);
  const max = (a: string, b: string) => (a > b ? a : b);
  const first = range.from ? min(periodOf(range.from, by), oldest) : oldest;
  const last = range.to ? max(periodOf(min(range.to, today), by), newest) : newest;
  return (
    periodsBetween(first, last, by, MAX_PERIODS + found.length) ??
    // A range too long to spell out: only the span that holds sessions, its gaps filled.
    periodsBetween(oldest, newest, by, Number.POSITIVE_INFINITY) ??
    sorted
  );
}
