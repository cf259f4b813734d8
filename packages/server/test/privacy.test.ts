import { existsSync, readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/crypto.ts';
import { BACKENDS } from './backends.ts';
import { event, openSession, startTestServer, type TestServer } from './helpers.ts';

// The storage behaviour must hold on every database the server supports.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  let clock = new Date();
  beforeAll(async () => {
    t = await startTestServer({ backend, now: () => clock });
  });
  afterAll(() => t?.close());

  async function subscriberWithData(sub: string, site: 'acme' | 'exp' = 'acme') {
    const s = await openSession(t, { sub }, site, clock);
    await t.call('POST', '/v1/events', {
      events: [
        event(s.sessionId, 'reason_selected', { reasonId: 'too_expensive' }),
        event(s.sessionId, 'feedback_submitted', { stepId: 'feedback', text: `secret words of ${sub}` }),
      ],
      keys: { [s.sessionId]: s.sessionKey },
    });
    await t.call('POST', `/v1/sessions/${s.sessionId}/accept`, { sessionKey: s.sessionKey, offerId: 'forged' }, {});
    await t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/cancel`,
      { sessionKey: s.sessionKey, feedback: 'bye' },
      { 'idempotency-key': sub },
    );
    return s;
  }

  describe('privacy', () => {
    it('exports everything about one subscriber, without session key hashes', async () => {
      const s = await subscriberWithData('cus_export');
      await subscriberWithData('cus_other');
      const { status, body } = await t.admin('GET', '/v1/admin/subscribers/cus_export/export');
      expect(status).toBe(200);
      expect(body.subscriber).toBe('cus_export');
      expect(body.sessions).toHaveLength(1);
      expect(body.sessions[0]).toMatchObject({ id: s.sessionId, claims: { sub: 'cus_export' }, status: 'cancelled' });
      expect(body.sessions[0].key_hash).toBeUndefined();
      expect(body.events).toHaveLength(2);
      // The cancel body's 'bye' is not stored: answers are stored once, from their feedback_submitted events.
      expect(body.feedback.map((f: { text: string }) => f.text)).toEqual(['secret words of cus_export']);
      expect(body.cancellations).toHaveLength(1);
      expect(body.subscriptions).toHaveLength(1);
      expect(body.rejectedAttempts).toMatchObject([
        { status: 403, detail: `offer#${sha256Hex('forged').slice(0, 16)}` },
      ]);
      expect(JSON.stringify(body)).not.toContain('cus_other');
    });

    it('erases one subscriber everywhere and leaves the others', async () => {
      await subscriberWithData('cus_erase');
      await subscriberWithData('cus_stays');
      const erased = await t.admin('DELETE', '/v1/admin/subscribers/cus_erase');
      expect(erased.status).toBe(200);
      expect(erased.body.deleted).toMatchObject({
        sessions: 1,
        events: 2,
        feedback: 1,
        cancellations: 1,
        subscriptions: 1,
        audit: 1,
      });
      const after = (await t.admin('GET', '/v1/admin/subscribers/cus_erase/export')).body;
      for (const key of [
        'sessions',
        'events',
        'feedback',
        'cancellations',
        'subscriptions',
        'rejectedAttempts',
        'offersAccepted',
        'webhooks',
      ]) {
        expect(after[key], key).toEqual([]);
      }
      const feedback = (await t.admin('GET', '/v1/admin/insights/feedback?q=secret')).body.feedback;
      expect(feedback.map((f: { text: string }) => f.text)).not.toContain('secret words of cus_erase');
      expect((await t.admin('GET', '/v1/admin/subscribers/cus_stays/export')).body.sessions).toHaveLength(1);
    });

    it.runIf(backend === 'sqlite')(
      'leaves nothing of an erased subscriber readable in the database file or its WAL',
      async () => {
        const marker = `erase-marker-${Date.now()}`;
        await subscriberWithData(marker);
        await subscriberWithData(`${marker}-stays`.replace('erase', 'keep'));
        const readable = () =>
          [t.dbFile, `${t.dbFile}-wal`]
            .filter((file) => existsSync(file))
            .some((file) => readFileSync(file).includes(`secret words of ${marker}`));
        expect(readable()).toBe(true);
        expect((await t.admin('DELETE', `/v1/admin/subscribers/${marker}`)).status).toBe(200);
        expect(readable()).toBe(false);
        for (const file of [t.dbFile, `${t.dbFile}-wal`].filter((f) => existsSync(f))) {
          expect(readFileSync(file).includes(marker), file).toBe(false);
        }
      },
    );

    it.runIf(backend === 'sqlite')(
      'answers 503 scrub_incomplete while another connection pins the WAL, and scrubs when asked again',
      async () => {
        const marker = `pinned-marker-${Date.now()}`;
        await subscriberWithData(marker);
        // Where the old pages are depends on the checkpoints so far: the file or the WAL.
        const readable = () =>
          [t.dbFile, `${t.dbFile}-wal`]
            .filter((file) => existsSync(file))
            .some((file) => readFileSync(file).includes(`secret words of ${marker}`));
        // Another connection reads inside a transaction: its snapshot keeps the old pages in use.
        const reader = new SQLite(t.dbFile);
        try {
          reader.prepare('begin').run();
          reader.prepare('select count(*) from sessions').get();
          const first = await t.admin('DELETE', `/v1/admin/subscribers/${marker}`);
          expect(first.status).toBe(503);
          expect(first.body.error.code).toBe('scrub_incomplete');
          expect(first.body.error.message).toContain('run the erasure again');
          expect(first.body.deleted).toMatchObject({ sessions: 1, feedback: 1 });
          // What the 503 says is true: the text can still be read.
          expect(readable()).toBe(true);
          reader.prepare('commit').run();
        } finally {
          reader.close();
        }
        const again = await t.admin('DELETE', `/v1/admin/subscribers/${marker}`);
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ erased: true, deleted: { sessions: 0, feedback: 0 } });
        expect(readable()).toBe(false);
      },
      // The server gives the WAL 10 s before it answers 503.
      60_000,
    );

    it('limits export and erasure to one site with ?siteId, and 404s an unknown site', async () => {
      await subscriberWithData('cus_two_sites', 'acme');
      await subscriberWithData('cus_two_sites', 'exp');
      expect(
        (await t.admin('GET', '/v1/admin/subscribers/cus_two_sites/export?siteId=exp')).body.sessions,
      ).toHaveLength(1);
      await t.admin('DELETE', '/v1/admin/subscribers/cus_two_sites?siteId=exp');
      const left = (await t.admin('GET', '/v1/admin/subscribers/cus_two_sites/export')).body.sessions;
      expect(left.map((s: { site_id: string }) => s.site_id)).toEqual(['acme']);
      expect((await t.admin('GET', '/v1/admin/subscribers/x/export?siteId=nope')).status).toBe(404);
    });

    it("deletes free text older than the flow's retentionDays (30) and keeps newer text", async () => {
      clock = new Date(Date.now() - 40 * 86_400_000);
      await subscriberWithData('cus_old');
      clock = new Date(Date.now() - 10 * 86_400_000);
      await subscriberWithData('cus_recent');
      clock = new Date();
      const result = await t.admin('POST', '/v1/admin/retention/run');
      expect(result.status).toBe(200);
      expect(result.body.feedbackDeleted).toBe(1);
      expect((await t.admin('GET', '/v1/admin/subscribers/cus_old/export')).body.feedback).toEqual([]);
      expect((await t.admin('GET', '/v1/admin/subscribers/cus_old/export')).body.sessions).toHaveLength(1);
      expect((await t.admin('GET', '/v1/admin/subscribers/cus_recent/export')).body.feedback).toHaveLength(1);
    });
  });
});
