import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.ts';
import { backfillSessionRollup, foldSessionRollup } from '../src/db/rollup.ts';
import type { Database, NewSession, SessionStatus } from '../src/db/tables.ts';
import { openDatabase } from '../src/index.ts';
import type { InsightFilters } from '../src/insights/filters.ts';
import * as queries from '../src/insights/queries.ts';
import { BACKENDS, createPgDatabase } from './backends.ts';
import { tempDir } from './helpers.ts';

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick, maybe: <T>(value: T, p = 0.3): T | null => (next() < p ? null : value) };
}

type Random = ReturnType<typeof generator>;
const STATUSES: SessionStatus[] = ['open', 'saved', 'cancelled', 'abandoned'];
const DAYS = ['2025-01-06', '2025-01-07', '2025-01-12', '2025-01-13', '2025-02-03', '2025-02-04'];
const weekOf = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
};

function randomSession(r: Random, i: number): NewSession {
  const day = r.pick(DAYS);
  const experiment = r.maybe('exp_a', 0.5);
  // A variant is a holdout or not, for all its sessions.
  const variant = experiment ? r.pick(['control', 'offers']) : null;
  return {
    id: `ses_${i}`,
    site_id: r.pick(['acme', 'beta']),
    flow_id: r.pick(['main', 'alt']),
    flow_version: 1,
    subscriber_id: `cus_${Math.floor(r.next() * 40)}`,
    subscription_id: null,
    plan: null,
    // Fractions of a cent on purpose: sums must not drift as sessions move between rollup rows.
    mrr: r.maybe(Math.round(r.next() * 100_000) / 1000, 0.2),
    currency: r.maybe(r.pick(['USD', 'EUR', 'JPY']), 0.15),
    locale: 'en',
    experiment_id: experiment,
    variant,
    holdout: variant === 'control' ? 1 : 0,
    claims_json: '{}',
    flow_json: '{}',
    key_hash: '',
    status: r.pick(STATUSES),
    reason_id: r.maybe(r.pick(['too_expensive', 'not_using', 'missing']), 0.35),
    offer_id: null,
    created_at: `${day}T10:00:00.000Z`,
    created_day: day,
    created_week: weekOf(day),
    ended_at: null,
  };
}

/** Inserts, then changes and deletes some sessions, the way the routes, erasure and the demo do. */
async function randomHistory(db: Kysely<Database>, r: Random, count: number): Promise<void> {
  const sessions = Array.from({ length: count }, (_, i) => randomSession(r, i));
  for (let i = 0; i < sessions.length; i += 100) {
    await db
      .insertInto('sessions')
      .values(sessions.slice(i, i + 100))
      .execute();
  }
  for (let k = 0; k < count / 2; k++) {
    const id = `ses_${Math.floor(r.next() * count)}`;
    const roll = r.next();
    if (roll < 0.5) {
      await db
        .updateTable('sessions')
        .set({ status: r.pick(STATUSES) })
        .where('id', '=', id)
        .execute();
    } else if (roll < 0.75) {
      await db
        .updateTable('sessions')
        .set({ reason_id: r.maybe(r.pick(['too_expensive', 'other']), 0.3) })
        .where('id', '=', id)
        .execute();
    } else if (roll < 0.85) {
      await db
        .updateTable('sessions')
        .set({ mrr: r.maybe(Math.round(r.next() * 5000) / 100, 0.3) })
        .where('id', '=', id)
        .execute();
    } else {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    }
  }
  // Erasure deletes many at once.
  await db
    .deleteFrom('sessions')
    .where('subscriber_id', '=', `cus_${Math.floor(r.next() * 40)}`)
    .execute();
}

type Row = Awaited<ReturnType<typeof allSessions>>[number];
const allSessions = (db: Kysely<Database>) => db.selectFrom('sessions').selectAll().execute();

function matching(rows: Row[], f: InsightFilters): Row[] {
  return rows.filter(
    (s) =>
      (!f.siteId || s.site_id === f.siteId) &&
      (!f.flowId || s.flow_id === f.flowId) &&
      (!f.from || s.created_day >= f.from) &&
      (!f.to || s.created_day <= f.to),
  );
}

/** The straightforward answer: every matching session counted one by one. */
function countBy(rows: Row[], key: (s: Row) => string) {
  const out = new Map<string, Record<SessionStatus, number>>();
  for (const s of rows) {
    const counts = out.get(key(s)) ?? { open: 0, saved: 0, cancelled: 0, abandoned: 0 };
    counts[s.status] += 1;
    out.set(key(s), counts);
  }
  return out;
}

function expectedMrrSaved(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of rows) {
    if (s.status !== 'saved' || s.mrr === null) continue;
    const currency = s.currency ?? 'unknown';
    out[currency] = (out[currency] ?? 0) + Number(s.mrr);
  }
  return out;
}

function expectMoney(actual: Record<string, number>, expected: Record<string, number>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [currency, amount] of Object.entries(expected)) expect(actual[currency]).toBeCloseTo(amount, 6);
}

const FILTERS: InsightFilters[] = [
  {},
  { siteId: 'acme' },
  { siteId: 'beta', flowId: 'alt' },
  { flowId: 'main', from: '2025-01-07', to: '2025-01-13' },
  { from: '2025-02-01' },
  { to: '2025-01-06' },
  { siteId: 'nobody' },
];

describe.each(BACKENDS)('session rollup (%s)', (backend) => {
  const temp = tempDir();
  let db: Db;
  let dropPg: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
    dropPg = pg?.drop;
    db = await openDatabase(pg?.url ?? `${temp.path}/rollup.sqlite`);
  });
  afterAll(async () => {
    await db?.close();
    await dropPg?.();
    temp.remove();
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`insights from the rollup equal counting every session (random history, seed ${seed})`, async () => {
      const k = db.kysely;
      await k.deleteFrom('sessions').execute();
      await foldSessionRollup(k, db.kind);
      expect(await k.selectFrom('session_rollup').selectAll().execute()).toEqual([]);
      expect(await k.selectFrom('session_rollup_delta').selectAll().execute()).toEqual([]);
      await k.transaction().execute((trx) => randomHistory(trx, generator(seed), 400));
      const rows = await allSessions(k);
      expect(rows.length).toBeGreaterThan(200);
      // With the deltas pending, and once they are folded in: the same counts.
      await expectInsightsMatch(k, rows);
      expect(await foldSessionRollup(k, db.kind)).toBeGreaterThan(0);
      expect(await k.selectFrom('session_rollup_delta').selectAll().execute()).toEqual([]);
      await expectInsightsMatch(k, rows);
    });
  }

  async function expectInsightsMatch(k: Kysely<Database>, rows: Row[]) {
    for (const f of FILTERS) {
      const subset = matching(rows, f);
      const label = JSON.stringify(f);

      const summary = await queries.summary(k, f);
      const total = countBy(subset, () => 'all').get('all') ?? { open: 0, saved: 0, cancelled: 0, abandoned: 0 };
      expect({ ...summary, mrrSaved: undefined }, label).toMatchObject({ sessions: subset.length, ...total });
      expectMoney(summary.mrrSaved, expectedMrrSaved(subset));

      const reasons = await queries.reasons(k, f);
      const byReason = countBy(subset, (s) => s.reason_id ?? '(none)');
      expect(Object.fromEntries(reasons.map((x) => [x.reasonId, x])), label).toMatchObject(
        Object.fromEntries([...byReason].map(([id, c]) => [id, c])),
      );
      expect(reasons).toHaveLength(byReason.size);

      const trends = await queries.trends(k, f);
      const byWeek = countBy(subset, (s) => s.created_week);
      expect(trends.map((w) => w.week)).toEqual([...byWeek.keys()].sort());
      for (const week of trends) {
        expect(week, `${label} ${week.week}`).toMatchObject(byWeek.get(week.week) ?? {});
        const saved = subset.filter((s) => s.created_week === week.week && s.status === 'saved');
        expectMoney(week.mrrSaved, expectedMrrSaved(saved));
      }

      const experiments = await queries.experiments(k, f);
      const byVariant = countBy(
        subset.filter((s) => s.experiment_id !== null),
        (s) => `${s.experiment_id}/${s.variant}/${s.holdout}`,
      );
      const variants = experiments.flatMap((e) =>
        e.variants.map((v) => [`${e.experimentId}/${v.variantId}/${v.holdout ? 1 : 0}`, v] as const),
      );
      expect(variants.map(([key]) => key).sort(), label).toEqual([...byVariant.keys()].sort());
      for (const [key, v] of variants) expect(v, `${label} ${key}`).toMatchObject(byVariant.get(key) ?? {});
    }
  }

  it('concurrent writers moving sessions between the same counters in opposite directions do not deadlock', async () => {
    const k = db.kysely;
    await k.deleteFrom('sessions').execute();
    await randomHistory(k, generator(99), 200);
    // Every session on one day and flow, half saved and half cancelled: two counter rows.
    const ids = (await k.selectFrom('sessions').select('id').orderBy('id').execute()).map((s) => s.id);
    await k
      .updateTable('sessions')
      .set({ site_id: 'acme', flow_id: 'main', created_day: '2025-01-06', created_week: '2025-01-06', currency: 'USD' })
      .set({ experiment_id: null, variant: null, holdout: 0, reason_id: null, mrr: 10 })
      .execute();
    const half = (status: SessionStatus, list: string[]) =>
      k.updateTable('sessions').set({ status }).where('id', 'in', list).execute();
    await half(
      'saved',
      ids.filter((_, i) => i % 2 === 0),
    );
    await half(
      'cancelled',
      ids.filter((_, i) => i % 2 === 1),
    );
    await foldSessionRollup(k, db.kind);
    // 16 transactions at once, each moving its own 6 sessions one at a time: even writers saved →
    // cancelled, odd ones cancelled → saved. Each move leaves one counter and enters the other, so
    // with counters updated in place, writers lock the two rows in opposite orders (Postgres aborted
    // some with "deadlock detected"); a folder runs beside them.
    const writers = Array.from({ length: 16 }, (_, w) => {
      const from: SessionStatus = w % 2 === 0 ? 'saved' : 'cancelled';
      const mine = ids.filter((_, i) => i % 2 === w % 2).slice(Math.floor(w / 2) * 6, Math.floor(w / 2) * 6 + 6);
      return k.transaction().execute(async (trx) => {
        for (const id of mine) {
          await trx
            .updateTable('sessions')
            .set({ status: from === 'saved' ? 'cancelled' : 'saved' })
            .where('id', '=', id)
            .execute();
          await new Promise((resolve) => setImmediate(resolve)); // let the others interleave
        }
      });
    });
    const results = await Promise.allSettled([...writers, foldSessionRollup(k, db.kind)]);
    const failures = results.filter((x) => x.status === 'rejected').map((x) => String(x.reason));
    expect(failures).toEqual([]);
    await foldSessionRollup(k, db.kind);
    await expectInsightsMatch(k, await allSessions(k));
  });

  it('is filled from the sessions already stored when the migration runs', async () => {
    // Rebuilding from scratch (what the migration's backfill does) gives the rows the triggers kept.
    await foldSessionRollup(db.kysely, db.kind);
    const kept = await db.kysely.selectFrom('session_rollup').selectAll().execute();
    const norm = (rows: typeof kept) =>
      rows
        .map((r) => ({ ...r, n: Number(r.n), mrr_micros: Number(r.mrr_micros), mrr_count: Number(r.mrr_count) }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    await db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('session_rollup').execute();
      await backfillSessionRollup(trx);
      expect(norm(await trx.selectFrom('session_rollup').selectAll().execute())).toEqual(norm(kept));
    });
    expect(kept.length).toBeGreaterThan(0);
  });
});
