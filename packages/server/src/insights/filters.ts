import { isoDay } from '@cancelflow/core';
import { type Expression, type SqlBool, sql } from 'kysely';
import { HttpError } from '../http/errors.ts';

export interface InsightFilters {
  /** First day included (ISO date, UTC). */
  readonly from?: string;
  /** Last day included. */
  readonly to?: string;
  readonly flowId?: string;
  readonly siteId?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The filters every insights report takes. A filter that can match nothing is refused rather than
 * answered with zeros, which would read as "no cancellations": `from` after `to` here, and a site that
 * is neither configured nor stored in `checkSiteFilter` (stored-sites.ts), which reads the database.
 */
export function parseFilters(query: Record<string, string | undefined>): InsightFilters {
  const filters: { from?: string; to?: string; flowId?: string; siteId?: string } = {};
  for (const name of ['from', 'to'] as const) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    // `Date.parse` takes 2026-02-30 (as 2 March): the day itself must be a real one.
    if (!DAY.test(value) || isoDay(value) !== value) {
      throw new HttpError(
        'bad_request',
        `${name} must be an ISO date such as 2025-01-31 (got ${JSON.stringify(value.slice(0, 40))})`,
      );
    }
    filters[name] = value;
  }
  for (const name of ['flowId', 'siteId'] as const) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (!ID.test(value)) throw new HttpError('bad_request', `${name} is not a valid id`);
    filters[name] = value;
  }
  // ISO dates compare as strings.
  if (filters.from && filters.to && filters.from > filters.to)
    throw new HttpError('bad_request', `from is after to (from=${filters.from}, to=${filters.to})`);
  return filters;
}

/** The filters as a condition on `table`: `sessions`, or a rollup that has the same columns. */
export function sessionConditions(
  f: InsightFilters,
  table: 'sessions' | 'session_counts' | 'save_counts' | 'offers_shown_counts' | 'offers_applied_counts' = 'sessions',
): Expression<SqlBool> {
  const parts = [sql`1 = 1`];
  if (f.siteId) parts.push(sql`${sql.ref(`${table}.site_id`)} = ${f.siteId}`);
  if (f.flowId) parts.push(sql`${sql.ref(`${table}.flow_id`)} = ${f.flowId}`);
  if (f.from) parts.push(sql`${sql.ref(`${table}.created_day`)} >= ${f.from}`);
  if (f.to) parts.push(sql`${sql.ref(`${table}.created_day`)} <= ${f.to}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}
