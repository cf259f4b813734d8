import { utcDay } from '@cancelflow/core';
import type { Context, Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { toCsv } from './csv.ts';
import { moneyPerCurrency } from './csv-money.ts';
import { type InsightFilters, parseFilters } from './filters.ts';
import { readPage } from './int-param.ts';
import { displayNames } from './names.ts';
import { coveredPeriods } from './period-range.ts';
import * as queries from './queries.ts';
import { reasonTrendsReport } from './reason-trends.ts';
import { noRetention, retention, retentionBy } from './retained.ts';
import { sessionsReport } from './session-paths.ts';
import { siteListRoute } from './sites.ts';
import { checkSiteFilter } from './stored-sites.ts';

interface Report {
  readonly json: unknown;
  /** The same data as flat rows, for `?format=csv`. */
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

const COUNT_COLUMNS = ['sessions', 'saved', 'cancelled', 'abandoned', 'open', 'saveRate', 'abandonRate'];
/** Saves verified against billing (retained.ts), in every report that has saves. */
const RETAINED_COLUMNS = ['retained', 'lost', 'pending', 'retainedRate', 'mrrRetained'];
const today = (deps: AppDeps) => utcDay(deps.now());

const REPORTS: Record<string, (deps: AppDeps, f: InsightFilters, c: Context) => Promise<Report>> = {
  summary: async (deps, f) => {
    const [counts, retained] = await Promise.all([queries.summary(deps.db, f), retention(deps.db, f, today(deps))]);
    const s = { ...counts, ...retained, retainedAfterDays: retainedAfterDays(deps, f) };
    return { json: s, columns: [...COUNT_COLUMNS, 'mrrSaved', ...RETAINED_COLUMNS, 'retainedAfterDays'], rows: [s] };
  },
  reasons: async (deps, f) => {
    const names = (await displayNames(deps, f)).reasons;
    const rows = (await queries.reasons(deps.db, f)).map((r) => ({ ...r, reasonLabel: names.get(r.reasonId) ?? null }));
    return { json: { reasons: rows }, columns: ['reasonId', 'reasonLabel', ...COUNT_COLUMNS], rows };
  },
  offers: async (deps, f) => {
    const { offers: names, offerTypes } = await displayNames(deps, f);
    const [offers, retained] = await Promise.all([
      queries.offers(deps.db, f),
      retentionBy(deps.db, f, today(deps), sql<string>`offer_id`),
    ]);
    const rows = offers.map((o) => ({
      ...o,
      offerName: names.get(o.offerId) ?? null,
      // The type is stored with each offer taken; one nobody took (a contact offer, never taken) has it from the flow.
      offerType: o.offerType ?? offerTypes.get(o.offerId) ?? null,
      ...(retained.get(o.offerId) ?? noRetention()),
    }));
    return {
      json: { offers: rows },
      columns: [
        'offerId',
        'offerName',
        'offerType',
        'shown',
        'accepted',
        'acceptanceRate',
        'mrrSaved',
        ...RETAINED_COLUMNS,
      ],
      rows,
    };
  },
  experiments: async (deps, f) => {
    const list = await queries.experiments(deps.db, f);
    const rows = list.flatMap((e) =>
      e.variants.map((v) => ({
        experimentId: e.experimentId,
        ...v,
        keptRateCiLow: v.keptRateCi95?.[0],
        keptRateCiHigh: v.keptRateCi95?.[1],
        lift: v.liftVsHoldout?.diff,
        liftCiLow: v.liftVsHoldout?.ci95[0],
        liftCiHigh: v.liftVsHoldout?.ci95[1],
      })),
    );
    return {
      json: { experiments: list },
      columns: [
        'experimentId',
        'variantId',
        'holdout',
        ...COUNT_COLUMNS,
        'keptRate',
        'keptRateCiLow',
        'keptRateCiHigh',
        'lift',
        'liftCiLow',
        'liftCiHigh',
      ],
      rows,
    };
  },
  trends: async (deps, f, c) => {
    const by = c.req.query('by') || 'week';
    if (!queries.TREND_PERIODS.includes(by as queries.TrendPeriod))
      throw new HttpError('bad_request', `by must be one of ${queries.TREND_PERIODS.join(', ')}`);
    // `{ weeks: [{ week, … }] }`, `{ days: [{ day, … }] }` or `{ months: [{ month, … }] }`.
    const period = by as queries.TrendPeriod;
    const [trends, retained] = await Promise.all([
      queries.trendsBy(deps.db, f, period),
      retentionBy(deps.db, f, today(deps), queries.PERIOD_COLUMN[period]),
    ]);
    // Every period of the range, an empty one as zeros (period-range.ts), so no gap is drawn over.
    const found = new Map(trends.map(({ period, ...rest }) => [period, rest]));
    const rows = coveredPeriods([...found.keys()], period, f, today(deps)).map((p) => ({
      [by]: p,
      ...(found.get(p) ?? queries.emptyPeriod()),
      ...(retained.get(p) ?? noRetention()),
    }));
    return { json: { [`${by}s`]: rows }, columns: [by, ...COUNT_COLUMNS, 'mrrSaved', ...RETAINED_COLUMNS], rows };
  },
  feedback: async (deps, f, c) => {
    const q = c.req.query('q')?.slice(0, 200) || undefined;
    const reasonId = c.req.query('reasonId') || undefined;
    const plan = c.req.query('plan')?.slice(0, 200) || undefined;
    const locale = c.req.query('locale')?.slice(0, 35) || undefined;
    const names = (await displayNames(deps, f)).reasons;
    const page = await readPage(c, { fallback: 100, min: 1 }, (limit, offset) =>
      queries.feedback(deps.db, f, {
        limit,
        offset,
        ...(q ? { q } : {}),
        ...(reasonId ? { reasonId } : {}),
        ...(plan ? { plan } : {}),
        ...(locale ? { locale } : {}),
      }),
    );
    const rows = page.rows.map((r) => ({ ...r, reasonLabel: r.reasonId ? (names.get(r.reasonId) ?? null) : null }));
    const { limit, offset, hasMore } = page;
    return {
      json: { feedback: rows, limit, offset, hasMore },
      columns: [
        'createdAt',
        'siteId',
        'flowId',
        'sessionId',
        'reasonId',
        'reasonLabel',
        'plan',
        'locale',
        'source',
        'text',
      ],
      rows,
    };
  },
  sessions: sessionsReport,
  'reason-trends': reasonTrendsReport,
};

/** The days after which the filtered sites' saves are verified, or null when they differ. */
function retainedAfterDays(deps: AppDeps, f: InsightFilters): number | null {
  const sites = deps.sites.sites.filter((s) => !f.siteId || s.id === f.siteId);
  const days = new Set(sites.map((s) => s.retainedAfterDays));
  return days.size === 1 ? ([...days][0] ?? null) : null;
}

export function insightRoutes(admin: Hono, deps: AppDeps): void {
  siteListRoute(admin, deps);
  admin.get('/insights/:report', async (c) => {
    const name = c.req.param('report');
    const report = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
    if (!report)
      throw new HttpError('not_found', `no insights report "${name}" (try ${Object.keys(REPORTS).join(', ')})`);
    const filters = parseFilters(c.req.query());
    await checkSiteFilter(deps, filters);
    const result = await report(deps, filters, c);
    const format = c.req.query('format') ?? 'json';
    if (format === 'csv') {
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', `attachment; filename="cancelflow-${name}.csv"`);
      const flat = moneyPerCurrency(result.columns, result.rows);
      return c.body(toCsv(flat.columns, flat.rows));
    }
    if (format !== 'json') throw new HttpError('bad_request', 'format must be json or csv');
    return c.json(result.json);
  });
}
