import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrateUpTo } from '../src/db/migrations.ts';
import { foldAllRollups } from '../src/db/rollup.ts';
import type { Database } from '../src/db/tables.ts';
import * as queries from '../src/insights/queries.ts';
import { BACKENDS, type Backend, createPgDatabase } from './backends.ts';
import { tempDir } from './helpers.ts';
import { generator, randomHistory } from './random-history.ts';

/**
 * Per offer, the distinct stored sessions an `offer_shown` event names it for, and the accepted offers
 * applied: what the report must say, counted one by one.
 */
async function countedOneByOne(db: Kysely<Database>, siteId?: string) {
  const sessions = await db
    .selectFrom('sessions')
    .select('id')
    .$if(siteId !== undefined, (qb) => qb.where('site_id', '=', siteId as string))
    .execute();
  const ids = new Set(sessions.map((s) => s.id));
  const shown = new Map<string, Set<string>>();
  for (const e of await db.selectFrom('events').selectAll().where('type', '=', 'offer_shown').execute()) {
    if (e.offer_id === null || !ids.has(e.session_id)) continue;
    shown.set(e.offer_id, (shown.get(e.offer_id) ?? new Set()).add(e.session_id));
  }
  const accepted: Record<string, number> = {};
  for (const a of await db.selectFrom('offers_accepted').selectAll().where('state', '=', 'applied').execute()) {
    if (ids.has(a.session_id)) accepted[a.offer_id] = (accepted[a.offer_id] ?? 0) + 1;
  }
  return { shown: Object.fromEntries([...shown].map(([offer, set]) => [offer, set.size])), accepted };
}

/** The report's counts, in the same shape. */
async function reported(db: Kysely<Database>, siteId?: string) {
  const offers = await queries.offers(db, siteId ? { siteId } : {});
  const pick = (key: 'shown' | 'accepted') =>
    Object.fromEntries(offers.filter((o) => o[key] > 0).map((o) => [o.offerId, o[key]]));
  return { shown: pick('shown'), accepted: pick('accepted') };
}

describe.each(BACKENDS)('offer rollups (%s)', (backend: Backend) => {
  const temp = tempDir();
  const cleanups: (() => Promise<void>)[] = [];
  let opened = 0;
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => temp.remove());

  /** A database with no migrations run yet (openDatabase would run them all). */
  async function unmigrated(): Promise<Kysely<Database>> {
    let db: Kysely<Database>;
    if (backend === 'postgres') {
      const created = await createPgDatabase();
      cleanups.push(created.drop);
      db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: created.url }) }) });
    } else {
      db = new Kysely({
        dialect: new SqliteDialect({ database: new SQLite(`${temp.path}/offers-${opened++}.sqlite`) }),
      });
    }
    cleanups.push(() => db.destroy());
    return db;
  }

  it('count the offers shown and applied before the migration that added them, and those after it', async () => {
    const db = await unmigrated();
    await migrateUpTo(db as Kysely<unknown>, backend, '0013_sessions_by_site_time');
    await db.transaction().execute((trx) => randomHistory(trx, generator(7), 300));
    const before = await countedOneByOne(db);
    expect(Object.keys(before.shown).length).toBeGreaterThan(1);
    expect(Object.keys(before.accepted).length).toBeGreaterThan(1);

    await migrateToLatest(db as Kysely<unknown>, backend);
    expect(await reported(db)).toEqual(before);
    expect(await reported(db, 'acme')).toEqual(await countedOneByOne(db, 'acme'));

    // Writes after the migration go through the triggers, on top of what the backfill counted.
    await db.deleteFrom('sessions').where('site_id', '=', 'beta').execute();
    await db
      .insertInto('events')
      .values(
        ['ses_1', 'ses_2', 'ses_3', 'ses_1'].map((session, i) => ({
          id: `later_${i}`,
          session_id: session,
          type: 'offer_shown',
          at: '2025-01-07T10:00:00.000Z',
          received_at: '2025-01-07T10:00:00.000Z',
          payload_json: '{}',
          offer_id: 'later_offer',
          reason_id: null,
        })),
      )
      .execute();
    await db.updateTable('offers_accepted').set({ state: 'applying' }).where('session_id', '=', 'ses_4').execute();
    const after = await countedOneByOne(db);
    expect(after.shown).not.toEqual(before.shown);
    expect(await reported(db)).toEqual(after);
    await foldAllRollups(db, backend);
    expect(await reported(db)).toEqual(after);
  });

  it('counts as MRR saved only the offers taken before the cancel, also those stored before the stage was', async () => {
    const db = await unmigrated();
    await migrateUpTo(db as Kysely<unknown>, backend, '0014_offer_rollups');
    const session = (id: string, status: 'saved' | 'cancelled', mrr: number) => ({
      id,
      site_id: 'acme',
      flow_id: 'main',
      flow_version: 1,
      subscriber_id: `cus_${id}`,
      subscription_id: null,
      plan: null,
      mrr,
      currency: 'USD',
      locale: 'en',
      experiment_id: null,
      variant: null,
      holdout: 0,
      claims_json: '{}',
      flow_json: '{}',
      key_hash: '',
      status,
      reason_id: null,
      offer_id: null,
      created_at: '2025-01-06T10:00:00.000Z',
      created_day: '2025-01-06',
      created_week: '2025-01-06',
      ended_at: null,
    });
    const accepted = (sessionId: string) => ({
      session_id: sessionId,
      site_id: 'acme',
      subscriber_id: `cus_${sessionId}`,
      offer_id: 'export',
      offer_type: 'redirect',
      choice_json: null,
      idempotency_key: `k_${sessionId}`,
      state: 'applied' as const,
      result_json: '{}',
      accepted_at: '2025-01-06T10:05:00.000Z',
    });
    // Stored by a server before the stage: a save, and the done step's offer taken after a cancel.
    await db
      .insertInto('sessions')
      .values([session('s_saved', 'saved', 20), session('s_after', 'cancelled', 10)])
      .execute();
    await db
      .insertInto('offers_accepted')
      .values([accepted('s_saved'), accepted('s_after')])
      .execute();
    await migrateToLatest(db as Kysely<unknown>, backend);
    const exportOffer = async () => (await queries.offers(db, {})).find((o) => o.offerId === 'export');
    expect(await exportOffer()).toMatchObject({ accepted: 2, mrrSaved: { USD: 20 } });

    // Stored after it, through the triggers, and folded.
    await db
      .insertInto('sessions')
      .values(session('s_after2', 'cancelled', 5))
      .execute();
    await db
      .insertInto('offers_accepted')
      .values({ ...accepted('s_after2'), stage: 'after_cancel' })
      .execute();
    expect(await exportOffer()).toMatchObject({ accepted: 3, mrrSaved: { USD: 20 } });
    await foldAllRollups(db, backend);
    expect(await exportOffer()).toMatchObject({ accepted: 3, mrrSaved: { USD: 20 } });
  });

  it('concurrent writers storing the same offers for the same sessions, beside a folder, all commit', async () => {
    const db = await unmigrated();
    await migrateToLatest(db as Kysely<unknown>, backend);
    await randomHistory(db, generator(11), 100);
    const sessions = (await db.selectFrom('sessions').select('id').orderBy('id').limit(10).execute()).map((s) => s.id);
    // 12 transactions, each showing two offers to the same 10 sessions one event at a time (a reload
    // shows an offer again): they store the same (session, offer) pairs while the others are open.
    const writers = Array.from({ length: 12 }, (_, w) =>
      db.transaction().execute(async (trx) => {
        for (const [i, session] of sessions.entries()) {
          for (const offer of ['pause', 'concurrent_offer']) {
            await trx
              .insertInto('events')
              .values({
                id: `w${w}_${i}_${offer}`,
                session_id: session,
                type: 'offer_shown',
                at: '2025-01-07T10:00:00.000Z',
                received_at: '2025-01-07T10:00:00.000Z',
                payload_json: '{}',
                offer_id: offer,
                reason_id: null,
              })
              .execute();
            await new Promise((resolve) => setImmediate(resolve)); // let the others interleave
          }
        }
      }),
    );
    const results = await Promise.allSettled([...writers, foldAllRollups(db, backend)]);
    expect(results.filter((x) => x.status === 'rejected').map((x) => String(x.reason))).toEqual([]);
    const expected = await countedOneByOne(db);
    expect(expected.shown.concurrent_offer).toBe(10);
    expect(await reported(db)).toEqual(expected);
    await foldAllRollups(db, backend);
    expect(await reported(db)).toEqual(expected);
  });
});
