import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, SessionStatus } from '../db/tables.ts';
import { type InsightFilters, sessionConditions } from './filters.ts';
import { newcombeDifference, rate, wilson } from './stats.ts';

type Counts = Record<SessionStatus, number>;
const emptyCounts = (): Counts => ({ open: 0, saved: 0, cancelled: 0, abandoned: 0 });

/**
 * Rates are defined once, here:
 * - `saveRate` = saved / (saved + cancelled): of the subscribers who decided, how many an offer kept.
 *   Abandoned sessions (closed without deciding) and open ones are counted apart, never as saves.
 * - `keptRate` = (saved + abandoned) / ended sessions: how many still have their subscription. It is
 *   the experiments' metric, because a holdout (no offers) can keep subscribers but never "save" them.
 */
function withRates(c: Counts) {
  const ended = c.saved + c.cancelled + c.abandoned;
  return {
    sessions: ended + c.open,
    ...c,
    saveRate: rate(c.saved, c.saved + c.cancelled),
    abandonRate: rate(c.abandoned, ended),
  };
}

const num = (v: unknown): number => Number(v ?? 0);
/** The rollup sums MRR in integer millionths (exact under any number of adds and removes). */
const fromMicros = (v: unknown): number => num(v) / 1_000_000;
/** The rollup stores an absent dimension as `''`. */
const orNull = (v: string): string | null => (v === '' ? null : v);
/** Adds an amount under its currency (`unknown` when the token named none). */
function addMoney(sums: Record<string, number>, currency: string | null, amount: number): void {
  const key = currency || 'unknown';
  sums[key] = (sums[key] ?? 0) + amount;
}

// Summary, reasons, experiments and trends count sessions: they read `session_counts` (a few rows
// per day), never `sessions` (one row per session); offers read `offers_shown_counts` and
// `offers_applied_counts`, built the same way. Feedback reads its own table.

export async function summary(db: Kysely<Database>, f: InsightFilters) {
  const rows = await db
    .selectFrom('session_counts')
    .select((eb) => [
      'status',
      'currency',
      eb.fn.sum('n').as('n'),
      eb.fn.sum('mrr_micros').as('mrr'),
      eb.fn.sum('mrr_count').as('withMrr'),
    ])
    .where(sessionConditions(f, 'session_counts'))
    .groupBy(['status', 'currency'])
    .execute();
  const counts = emptyCounts();
  const mrrSaved: Record<string, number> = {};
  for (const row of rows) {
    counts[row.status] += num(row.n);
    if (row.status === 'saved' && num(row.withMrr) > 0) addMoney(mrrSaved, orNull(row.currency), fromMicros(row.mrr));
  }
  return { ...withRates(counts), mrrSaved };
}

export async function reasons(db: Kysely<Database>, f: InsightFilters) {
  const rows = await db
    .selectFrom('session_counts')
    .select((eb) => ['reason_id', 'status', eb.fn.sum('n').as('n')])
    .where(sessionConditions(f, 'session_counts'))
    .groupBy(['reason_id', 'status'])
    .execute();
  const byReason = new Map<string, Counts>();
  for (const row of rows) {
    // Pending deltas can cancel out: a reason none of the sessions has any more is not listed (as once folded).
    if (num(row.n) === 0) continue;
    const key = orNull(row.reason_id) ?? '(none)';
    const counts = byReason.get(key) ?? emptyCounts();
    counts[row.status] += num(row.n);
    byReason.set(key, counts);
  }
  return [...byReason]
    .map(([reasonId, c]) => ({ reasonId, ...withRates(c) }))
    .sort((a, b) => b.sessions - a.sessions || a.reasonId.localeCompare(b.reasonId));
}

export async function offers(db: Kysely<Database>, f: InsightFilters) {
  const [shown, accepted] = await Promise.all([
    // Sessions shown each offer (once each, however many times), and the offers applied: rollups
    // (offer-rollups.ts), a few rows per day.
    db
      .selectFrom('offers_shown_counts')
      .select((eb) => ['offer_id', eb.fn.sum('n').as('n')])
      .where(sessionConditions(f, 'offers_shown_counts'))
      .groupBy('offer_id')
      .execute(),
    db
      .selectFrom('offers_applied_counts')
      .select((eb) => [
        'offer_id',
        'offer_type',
        'stage',
        'currency',
        eb.fn.sum('n').as('n'),
        eb.fn.sum('mrr_count').as('withMrr'),
        eb.fn.sum('mrr_micros').as('mrr'),
      ])
      .where(sessionConditions(f, 'offers_applied_counts'))
      .groupBy(['offer_id', 'offer_type', 'stage', 'currency'])
      .execute(),
  ]);
  const result = new Map<
    string,
    { offerId: string; offerType: string | null; shown: number; accepted: number; mrrSaved: Record<string, number> }
  >();
  for (const row of shown) {
    // Pending deltas can cancel out: a row whose sessions are all gone counts nothing (as once folded).
    if (num(row.n) === 0) continue;
    result.set(row.offer_id, { offerId: row.offer_id, offerType: null, shown: num(row.n), accepted: 0, mrrSaved: {} });
  }
  // One row per offer and currency: MRR is summed per currency, never across currencies.
  for (const row of accepted) {
    if (num(row.n) === 0) continue;
    const entry = result.get(row.offer_id) ?? {
      offerId: row.offer_id,
      offerType: null,
      shown: 0,
      accepted: 0,
      mrrSaved: {},
    };
    entry.offerType = row.offer_type;
    entry.accepted += num(row.n);
    // Only an offer that ended its session saved saved its MRR: not one taken after the cancel, nor
    // one the subscriber cancelled after taking (stage `cancelled_after`).
    if (row.stage === 'before_cancel' && num(row.withMrr) > 0) {
      addMoney(entry.mrrSaved, orNull(row.currency), fromMicros(row.mrr));
    }
    result.set(row.offer_id, entry);
  }
  return [...result.values()]
    .map((o) => ({ ...o, acceptanceRate: rate(o.accepted, o.shown) }))
    .sort((a, b) => b.shown - a.shown);
}

export async function experiments(db: Kysely<Database>, f: InsightFilters) {
  const rows = await db
    .selectFrom('session_counts')
    .select((eb) => ['experiment_id', 'variant', 'holdout', 'status', eb.fn.sum('n').as('n')])
    .where('experiment_id', '<>', '')
    .where(sessionConditions(f, 'session_counts'))
    .groupBy(['experiment_id', 'variant', 'holdout', 'status'])
    .orderBy('experiment_id')
    .orderBy('variant')
    .execute();
  const experimentsById = new Map<string, Map<string, { holdout: boolean; counts: Counts }>>();
  for (const row of rows) {
    const variants = experimentsById.get(row.experiment_id) ?? new Map();
    const variant = variants.get(row.variant) ?? { holdout: num(row.holdout) === 1, counts: emptyCounts() };
    variant.counts[row.status] += num(row.n);
    variants.set(row.variant, variant);
    experimentsById.set(row.experiment_id, variants);
  }
  return [...experimentsById].map(([experimentId, variants]) => {
    const entries = [...variants].map(([variantId, v]) => {
      const ended = v.counts.saved + v.counts.cancelled + v.counts.abandoned;
      const kept = v.counts.saved + v.counts.abandoned;
      return { variantId, holdout: v.holdout, ended, kept, counts: v.counts };
    });
    const holdout = entries.find((e) => e.holdout);
    return {
      experimentId,
      metric: 'keptRate',
      method: 'Newcombe hybrid score interval (method 10) for the difference of two proportions, 95%',
      variants: entries.map((e) => {
        const ci = wilson(e.kept, e.ended);
        const lift =
          holdout && !e.holdout && e.ended > 0 && holdout.ended > 0
            ? newcombeDifference(e.kept, e.ended, holdout.kept, holdout.ended)
            : undefined;
        return {
          variantId: e.variantId,
          holdout: e.holdout,
          ...withRates(e.counts),
          keptRate: rate(e.kept, e.ended),
          keptRateCi95: e.ended > 0 ? [ci.lower, ci.upper] : null,
          liftVsHoldout: lift ? { diff: lift.diff, ci95: [lift.lower, lift.upper] } : null,
        };
      }),
    };
  });
}

/** How trends group sessions: by the UTC day, the week (starting Monday) or the month they started. */
export type TrendPeriod = 'day' | 'week' | 'month';
export const TREND_PERIODS: readonly TrendPeriod[] = ['day', 'week', 'month'];
export const PERIOD_COLUMN: Record<TrendPeriod, RawBuilder<string>> = {
  day: sql<string>`created_day`,
  week: sql<string>`created_week`,
  // `YYYY-MM` of the ISO day (a text column on SQLite and Postgres alike).
  month: sql<string>`substr(created_day, 1, 7)`,
};

/** Counts, rates and MRR saved (per currency) per day, week or month, oldest first. */
export async function trendsBy(db: Kysely<Database>, f: InsightFilters, by: TrendPeriod) {
  const period = PERIOD_COLUMN[by];
  const rows = await db
    .selectFrom('session_counts')
    .select((eb) => [
      period.as('period'),
      'status',
      'currency',
      eb.fn.sum('n').as('n'),
      eb.fn.sum('mrr_micros').as('mrr'),
      eb.fn.sum('mrr_count').as('withMrr'),
    ])
    .where(sessionConditions(f, 'session_counts'))
    .groupBy([period, 'status', 'currency'])
    .orderBy(period)
    .execute();
  const periods = new Map<string, { counts: Counts; mrrSaved: Record<string, number> }>();
  for (const row of rows) {
    const entry = periods.get(row.period) ?? { counts: emptyCounts(), mrrSaved: {} };
    entry.counts[row.status] += num(row.n);
    if (row.status === 'saved' && num(row.withMrr) > 0)
      addMoney(entry.mrrSaved, orNull(row.currency), fromMicros(row.mrr));
    periods.set(row.period, entry);
  }
  return [...periods].map(([period, p]) => ({ period, ...withRates(p.counts), mrrSaved: p.mrrSaved }));
}

/** A period without a session, as `trendsBy` would count it: zeros, no rates, no MRR. */
export const emptyPeriod = () => ({ ...withRates(emptyCounts()), mrrSaved: {} });

export async function trends(db: Kysely<Database>, f: InsightFilters) {
  return (await trendsBy(db, f, 'week')).map(({ period, ...rest }) => ({ week: period, ...rest }));
}

export interface FeedbackQuery {
  readonly q?: string;
  readonly reasonId?: string;
  /** The session's plan and negotiated locale, as the session recorded them. */
  readonly plan?: string;
  readonly locale?: string;
  readonly limit: number;
  readonly offset: number;
}

/** Free-text feedback, newest first; `q` is a case-insensitive substring search (LIKE, wildcards escaped). */
export async function feedback(db: Kysely<Database>, f: InsightFilters, query: FeedbackQuery) {
  let qb = db
    .selectFrom('feedback')
    .leftJoin('sessions', 'sessions.id', 'feedback.session_id')
    .select([
      'feedback.id',
      'feedback.session_id',
      'feedback.site_id',
      'feedback.flow_id',
      'feedback.reason_id',
      'feedback.source',
      'feedback.text',
      'feedback.created_at',
      'sessions.plan',
      'sessions.locale',
    ])
    .orderBy('feedback.created_at', 'desc')
    .orderBy('feedback.id');
  if (f.siteId) qb = qb.where('feedback.site_id', '=', f.siteId);
  if (f.flowId) qb = qb.where('feedback.flow_id', '=', f.flowId);
  if (f.from) qb = qb.where('feedback.created_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) qb = qb.where('feedback.created_at', '<=', `${f.to}T23:59:59.999Z`);
  if (query.reasonId) qb = qb.where('feedback.reason_id', '=', query.reasonId);
  if (query.plan) qb = qb.where('sessions.plan', '=', query.plan);
  if (query.locale) qb = qb.where('sessions.locale', '=', query.locale);
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    qb = qb.where(sql<boolean>`lower(${sql.ref('feedback.text')}) like ${pattern} escape '\\'`);
  }
  const rows = await qb.limit(query.limit).offset(query.offset).execute();
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    siteId: r.site_id,
    flowId: r.flow_id,
    reasonId: r.reason_id,
    plan: r.plan ?? null,
    locale: r.locale ?? null,
    source: r.source,
    text: r.text,
    createdAt: r.created_at,
  }));
}
