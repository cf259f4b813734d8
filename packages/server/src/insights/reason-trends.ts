import { utcDay } from '@cancelflow/core';
import type { Context } from 'hono';
import type { SessionStatus } from '../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { type InsightFilters, sessionConditions } from './filters.ts';
import { displayNames } from './names.ts';
import { coveredPeriods } from './period-range.ts';
import { PERIOD_COLUMN, TREND_PERIODS, type TrendPeriod } from './queries.ts';
import { rate } from './stats.ts';

/**
 * `GET /v1/admin/insights/reason-trends?by=day|week|month`: each reason's sessions and outcomes per
 * period (oldest first), counted from the rollup like the trends report; "(none)" is no reason given.
 * `allPeriods` lists every period of the range, those without a session too, as the trends report does.
 */
export async function reasonTrendsReport(deps: AppDeps, f: InsightFilters, c: Context) {
  const by = (c.req.query('by') || 'week') as TrendPeriod;
  if (!TREND_PERIODS.includes(by)) throw new HttpError('bad_request', `by must be one of ${TREND_PERIODS.join(', ')}`);
  const period = PERIOD_COLUMN[by];
  const found = await deps.db
    .selectFrom('session_counts')
    .select((eb) => [period.as('period'), 'reason_id', 'status', eb.fn.sum('n').as('n')])
    .where(sessionConditions(f, 'session_counts'))
    .groupBy([period, 'reason_id', 'status'])
    .orderBy(period)
    .execute();
  const names = (await displayNames(deps, f)).reasons;
  const cells = new Map<string, { period: string; reasonId: string } & Record<SessionStatus, number>>();
  for (const row of found) {
    const reasonId = row.reason_id === '' ? '(none)' : row.reason_id;
    const key = `${row.period}\u0000${reasonId}`;
    const cell = cells.get(key) ?? { period: row.period, reasonId, open: 0, saved: 0, cancelled: 0, abandoned: 0 };
    cell[row.status] += Number(row.n ?? 0);
    cells.set(key, cell);
  }
  const rows = [...cells.values()]
    .map((c) => ({
      period: c.period,
      reasonId: c.reasonId,
      reasonLabel: names.get(c.reasonId) ?? null,
      sessions: c.open + c.saved + c.cancelled + c.abandoned,
      saved: c.saved,
      cancelled: c.cancelled,
      abandoned: c.abandoned,
      open: c.open,
      saveRate: rate(c.saved, c.saved + c.cancelled),
    }))
    // A rollup row whose sessions all moved on to another status sums to zero: not a row of this report.
    .filter((row) => row.sessions > 0)
    .sort(
      (a, b) => a.period.localeCompare(b.period) || b.sessions - a.sessions || a.reasonId.localeCompare(b.reasonId),
    );
  const allPeriods = coveredPeriods([...new Set(rows.map((r) => r.period))], by, f, utcDay(deps.now()));
  return {
    json: { by, periods: rows, allPeriods },
    columns: ['period', 'reasonId', 'reasonLabel', 'sessions', 'saved', 'cancelled', 'abandoned', 'open', 'saveRate'],
    rows,
  };
}
