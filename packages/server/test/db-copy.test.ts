import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COPY_PLAN, copyDatabase } from '../src/db/copy.ts';
import { CopyError, type Db, loadSitesFile, openDatabase, seedSampleHistory, seedSubscriptions } from '../src/index.ts';
import type { MailKind } from '../src/mail/schema.ts';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { event, openSession, startTestServer, type TestServer } from './helpers.ts';

/**
 * The history ends now: a server deletes free text older than the flow's retention as it starts (the
 * server on the copy does), so an older history would differ for that reason alone.
 */
const NOW = new Date();
const day = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** The admin reports a product manager reads, as one server answers them. */
const REPORTS = ['summary', 'reasons', 'offers', 'trends', 'experiments', 'feedback', 'sessions'];
const reports = async (t: TestServer) =>
  Object.fromEntries(
    await Promise.all(
      REPORTS.map(async (name) => {
        const reply = await t.admin('GET', `/v1/admin/insights/${name}?siteId=exp&from=${day(60)}&to=${day(0)}`);
        expect(reply.status, name).toBe(200);
        return [name, reply.body];
      }),
    ),
  );

/** What a server stored on SQLite, copied into a target that another server then serves. */
type Target = { url: string; drop(): Promise<void> };
const TARGETS: [string, () => Promise<Target>][] = [
  ['SQLite', async () => ({ url: join(source.dir, 'copy.sqlite'), drop: async () => {} })],
  ...(TEST_PG ? [['Postgres', createPgDatabase] as [string, () => Promise<Target>]] : []),
];
describe.each(TARGETS)('copying a SQLite database into %s', (_name, createTarget) => {
  let target: Target;
  let copied: TestServer | undefined;
  beforeAll(async () => {
    target = await createTarget();
  });
  afterAll(async () => {
    await copied?.close();
    await target.drop();
  });

  it('copies every row: a server on the copy reports what the original does, and the copy accepts new sessions', async () => {
    const [from, to] = [await openDatabase(source.dbFile), await openDatabase(target.url)];
    const tables: string[] = [];
    try {
      const { rows } = await copyDatabase(from, to, (table) => tables.push(table));
      // More sessions and events than one insert takes: the batches join up.
      expect(rows.sessions).toBe(1200 + 1);
      expect(rows.events).toBeGreaterThan(1200);
      expect(rows.subscriptions).toBe(2);
      expect(tables).toContain('feedback');
      expect(tables).not.toContain('rate_buckets');
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
    copied = await startTestServer({ db: target.url, dir: source.dir });
    expect(await reports(copied)).toEqual(await reports(source));
    const more = await openSession(copied, { sub: 'cus_after_copy' });
    const viewed = event(more.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
    const stored = await copied.call('POST', '/v1/events', {
      events: [viewed],
      keys: { [more.sessionId]: more.sessionKey },
    });
    expect(stored.body).toEqual({ stored: [viewed.id], duplicates: [], rejected: [] });
  });

  it('refuses a target that already holds data, and names the table', async () => {
    const [from, to] = [await openDatabase(source.dbFile), await openDatabase(target.url)];
    try {
      await expect(copyDatabase(from, to)).rejects.toThrow(CopyError);
      await expect(copyDatabase(from, to)).rejects.toThrow(/the target already holds rows in "sessions"/);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  });
});

it('knows every table and view the migrations create: each is copied, rebuilt by the triggers, or left', async () => {
  const db = await openDatabase(source.dbFile);
  try {
    const { rows } = await sql<{
      name: string;
    }>`select name from sqlite_master where type in ('table', 'view')`.execute(db.kysely);
    const names = rows.map((r) => r.name).filter((name) => !/^(sqlite_|kysely_migration)/.test(name));
    expect(names.sort()).toEqual(Object.keys(COPY_PLAN).sort());
  } finally {
    await db.close();
  }
});

describe.runIf(TEST_PG)('into Postgres, from an older server that stored what Postgres refuses', () => {
  let broken: TestServer;
  let target: { url: string; drop(): Promise<void> };
  beforeEach(async () => {
    broken = await startTestServer();
    target = await createPgDatabase();
  });
  afterEach(async () => {
    await broken.close();
    await target.drop();
  });
  const withBroken = async (run: (from: Db, to: Db, sessionId: string) => Promise<void>) => {
    const [from, to] = [await openDatabase(broken.dbFile), await openDatabase(target.url)];
    try {
      await run(from, to, (await openSession(broken)).sessionId);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  };

  it("continues a serial column's numbers after the copied rows (mail is sent in that order)", async () => {
    await withBroken(async (from, to, sessionId) => {
      const mail = (id: string, kind: MailKind) => ({
        id,
        site_id: 'acme',
        subscriber_id: 'cus_1',
        session_id: sessionId,
        kind,
        to_address: 'a@example.com',
        locale: 'en',
        payload_json: '{}',
        created_at: new Date().toISOString(),
        next_attempt_at: new Date().toISOString(),
        attempts: 0,
        ...{ locked_until: null, lock_token: null, sent_at: null, stopped_at: null, stop_reason: null },
        ...{ failed_at: null, last_error: null },
      });
      for (const [i, kind] of (['saved', 'cancellation', 'winback_1'] as const).entries())
        await from.kysely
          .insertInto('mail_outbox')
          .values(mail(`mail_${i}`, kind))
          .execute();
      await copyDatabase(from, to);
      await to.kysely.insertInto('mail_outbox').values(mail('mail_new', 'winback_2')).execute();
      const order = await to.kysely.selectFrom('mail_outbox').select('id').orderBy('seq').execute();
      expect(order.map((m) => m.id)).toEqual(['mail_0', 'mail_1', 'mail_2', 'mail_new']);
    });
  });

  it('copies text holding a NUL character without it, and counts it', async () => {
    await withBroken(async (from, to, sessionId) => {
      // What a server before the NUL checks stored from a feedback event and a token's claim.
      await from.kysely.insertInto('feedback').values(nulFeedback(sessionId)).execute();
      await from.kysely.updateTable('sessions').set({ subscriber_id: 'cus\u0000x' }).execute();
      const report = await copyDatabase(from, to);
      expect(report.cleaned).toEqual({ sessions: 1, feedback: 1 });
      const copied = await to.kysely.selectFrom('feedback').select('text').execute();
      expect(copied).toEqual([{ text: 'badbyte' }]);
    });
  });

  it('a value Postgres refuses fails the copy, naming the table and rows, and leaves the target empty', async () => {
    await withBroken(async (from, to) => {
      // SQLite's integers have 64 bits; the column is a Postgres integer (32).
      await from.kysely
        .updateTable('sessions')
        .set({ flow_version: 2 ** 40 })
        .execute();
      await expect(copyDatabase(from, to)).rejects.toThrow(/copying "sessions" \(rows 1–1\) failed: .*out of range/);
      expect(await to.kysely.selectFrom('sessions').select('id').execute()).toEqual([]);
    });
  });
});

const nulFeedback = (sessionId: string) => ({
  id: 'fbk_nul',
  session_id: sessionId,
  site_id: 'acme',
  flow_id: 'acme-main',
  subscriber_id: 'cus_1',
  reason_id: null,
  source: 'feedback_step' as const,
  text: 'bad\u0000byte',
  created_at: new Date().toISOString(),
});

let source: TestServer;
beforeAll(async () => {
  source = await startTestServer();
  const site = loadSitesFile(join(source.dir, 'sites.json')).find((s) => s.id === 'exp');
  if (!site) throw new Error('no site exp');
  const db = await openDatabase(source.dbFile);
  try {
    await seedSampleHistory(db.kysely, site, { sessions: 1200, days: 56, seed: 3, now: NOW });
    await seedSubscriptions(db.kysely, 'acme', [
      { subscriberId: 'cus_1', subscriptionId: 'sub_1', plan: 'pro' },
      { subscriberId: 'cus_2', plan: 'team' },
    ]);
  } finally {
    await db.close();
  }
  // One session through the server itself, beside the seeded history.
  await openSession(source, { sub: 'cus_live' });
}, 120_000);
afterAll(() => source?.close());
