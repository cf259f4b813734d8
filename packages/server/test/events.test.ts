import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS } from './backends.ts';
import { event, openSession, startTestServer, type TestServer } from './helpers.ts';

// The storage behaviour must hold on every database the server supports.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  const post = (body: unknown, headers: Record<string, string> = {}) => t.call('POST', '/v1/events', body, headers);

  describe('POST /v1/events', () => {
    it('stores a batch and reports each id as stored, then as duplicate on a retry', async () => {
      const s = await openSession(t);
      const events = [
        event(s.sessionId, 'session_started', {
          flowId: 'acme-main',
          flowVersion: 1,
          locale: 'en',
          profiles: ['us-ftc'],
        }),
        event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' }),
      ];
      const body = { events, keys: { [s.sessionId]: s.sessionKey } };
      const first = await post(body);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ stored: events.map((e) => e.id), duplicates: [], rejected: [] });
      const again = await post(body);
      expect(again.body).toEqual({ stored: [], duplicates: events.map((e) => e.id), rejected: [] });
    });

    it('accepts text/plain bodies, as navigator.sendBeacon sends them', async () => {
      const s = await openSession(t);
      const e = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
      const reply = await post(JSON.stringify({ events: [e], keys: { [s.sessionId]: s.sessionKey } }), {
        'content-type': 'text/plain;charset=UTF-8',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.stored).toEqual([e.id]);
    });

    it('rejects per event: malformed, unknown session, wrong key; stores the rest', async () => {
      const a = await openSession(t);
      const b = await openSession(t);
      const good = event(a.sessionId, 'reason_selected', { reasonId: 'too_expensive' });
      const wrongKey = event(b.sessionId, 'reason_selected', { reasonId: 'not_using' });
      const unknown = event('ses_unknown', 'step_viewed', { stepId: 'why', stepType: 'survey' });
      const malformed = { ...event(a.sessionId, 'offer_shown', {}), id: 'evt_malformed' };
      const reply = await post({
        events: [good, wrongKey, unknown, malformed, 42],
        keys: { [a.sessionId]: a.sessionKey, [b.sessionId]: a.sessionKey, ses_unknown: 'x' },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.stored).toEqual([good.id]);
      expect(reply.body.rejected).toEqual(
        expect.arrayContaining([
          { id: wrongKey.id, code: 'bad_key' },
          { id: unknown.id, code: 'unknown_session' },
          {
            id: 'evt_malformed',
            code: 'invalid_event',
            message: 'payload.offerId: is required (a string); payload.offerType: is required (a string)',
          },
          { id: '#4', code: 'invalid_event', message: 'the event must be an object, not the number 42' },
        ]),
      );
      expect(reply.body.rejected).toHaveLength(4);
    });

    it('counts an id repeated inside one batch once', async () => {
      const s = await openSession(t);
      const e = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
      const reply = await post({ events: [e, e], keys: { [s.sessionId]: s.sessionKey } });
      expect(reply.body.stored).toEqual([e.id]);
      expect(reply.body.duplicates).toEqual([e.id]);
    });

    it('stores a reason the flow does not have, but counts it under no reason', async () => {
      const s = await openSession(t, { sub: 'cus_made_up' });
      const made = event(s.sessionId, 'reason_selected', { reasonId: 'competitor_is_better_LOL' });
      expect((await post({ events: [made], keys: { [s.sessionId]: s.sessionKey } })).body.stored).toEqual([made.id]);
      const exported = (await t.admin('GET', '/v1/admin/subscribers/cus_made_up/export')).body;
      expect(exported.sessions[0].reason_id).toBeNull();
      const { body } = await t.admin('GET', '/v1/admin/insights/reasons');
      expect(body.reasons.map((r: { reasonId: string }) => r.reasonId)).not.toContain('competitor_is_better_LOL');
    });

    it("rejects events sent from another site's origin", async () => {
      const s = await openSession(t);
      const e = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
      const reply = await post(
        { events: [e], keys: { [s.sessionId]: s.sessionKey } },
        { origin: 'https://evil.example' },
      );
      expect(reply.body.rejected).toEqual([{ id: e.id, code: 'origin_not_allowed' }]);
    });

    it('refuses more than 500 events (422) and bodies over 256 KB (413)', async () => {
      const s = await openSession(t);
      const many = Array.from({ length: 501 }, () => event(s.sessionId, 'step_viewed', { stepId: 'a', stepType: 'b' }));
      const tooMany = await post({ events: many, keys: { [s.sessionId]: s.sessionKey } });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.error.message).toMatch(/^events:/);
      const big = 'x'.repeat(300 * 1024);
      const tooLarge = await post(JSON.stringify({ events: [], keys: {}, pad: big }));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.code).toBe('payload_too_large');
    });

    it('closes the connection after refusing a body over the limit, so the next request is not sent on it', async () => {
      // One keep-alive socket for every request, as a browser or Node's fetch reuses one. The server
      // never reads the rest of a refused body and closes the socket after its answer: a request sent
      // on it meanwhile failed with "socket hang up" (on a slow machine, "other side closed").
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const call = (method: string, path: string, body = '') =>
        new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
          const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
          const sent = request(`${t.url}${path}`, { method, agent, headers }, (reply) => {
            reply.resume();
            reply.on('end', () => resolve({ status: reply.statusCode, connection: reply.headers.connection }));
          });
          sent.on('error', reject);
          sent.end(body);
        });
      try {
        const refused = await call('POST', '/v1/events', JSON.stringify({ pad: 'x'.repeat(300 * 1024) }));
        expect(refused).toEqual({ status: 413, connection: 'close' });
        for (let i = 0; i < 5; i++) expect((await call('GET', '/v1/health')).status).toBe(200);
      } finally {
        agent.destroy();
      }
    });

    it('answers 400 for a body that is not JSON', async () => {
      const reply = await post('{"events": [', { 'content-type': 'text/plain' });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('bad_request');
    });

    it('keeps free text out of the events table and in feedback, where insights find it', async () => {
      const s = await openSession(t, { sub: 'cus_text' });
      const e = event(s.sessionId, 'feedback_submitted', { stepId: 'feedback', text: 'The export to CSV is broken' });
      await post({ events: [e], keys: { [s.sessionId]: s.sessionKey } });
      const exported = await t.admin('GET', '/v1/admin/subscribers/cus_text/export');
      const stored = exported.body.events.find((x: { id: string }) => x.id === e.id);
      expect(stored.payload).toEqual({ stepId: 'feedback', feedbackId: e.id });
      expect(exported.body.feedback).toMatchObject([{ text: 'The export to CSV is broken', source: 'feedback_step' }]);
    });

    it('marks a session abandoned from the browser, but never saved or cancelled', async () => {
      const saved = await openSession(t, { sub: 'cus_claims_saved' });
      const abandoned = await openSession(t, { sub: 'cus_abandons' });
      await post({
        events: [
          event(saved.sessionId, 'session_completed', { status: 'saved' }),
          event(abandoned.sessionId, 'session_abandoned', { stepId: 'why' }),
        ],
        keys: { [saved.sessionId]: saved.sessionKey, [abandoned.sessionId]: abandoned.sessionKey },
      });
      const a = await t.admin('GET', '/v1/admin/subscribers/cus_claims_saved/export');
      const b = await t.admin('GET', '/v1/admin/subscribers/cus_abandons/export');
      expect(a.body.sessions[0].status).toBe('open');
      expect(b.body.sessions[0].status).toBe('abandoned');
    });

    it('an accept that arrives after the abandoned beacon (sent as the tab closed) still saves the session', async () => {
      const s = await openSession(t, { sub: 'cus_closed_tab' });
      await post({
        events: [event(s.sessionId, 'session_abandoned', { stepId: 'offer' })],
        keys: { [s.sessionId]: s.sessionKey },
      });
      const accepted = await t.call('POST', `/v1/sessions/${s.sessionId}/accept`, {
        sessionKey: s.sessionKey,
        offerId: 'pause',
        reasonId: 'not_using',
        choice: { months: 1 },
      });
      expect(accepted.status).toBe(200);
      const data = (await t.admin('GET', '/v1/admin/subscribers/cus_closed_tab/export')).body;
      expect(data.sessions[0]).toMatchObject({ status: 'saved', offer_id: 'pause' });
      expect(data.subscriptions[0]).toMatchObject({ status: 'paused' });
    });

    it('acknowledges concurrent batches only once committed, and stores each event exactly once', async () => {
      const sessions = await Promise.all([1, 2, 3, 4].map(() => openSession(t)));
      const keys = Object.fromEntries(sessions.map((s) => [s.sessionId, s.sessionKey]));
      const shared = (sessions[0] as { sessionId: string }).sessionId;
      // 30 requests at once (they are committed in groups); pairs of requests race for one shared id.
      const batches = Array.from({ length: 30 }, (_, i) => {
        const own = (sessions[i % 4] as { sessionId: string }).sessionId;
        return [
          ...Array.from({ length: 5 }, (_, j) =>
            event(own, 'step_viewed', { stepId: `s${j}`, stepType: 'survey' }, `evt_concurrent_${i}_${j}`),
          ),
          event(shared, 'step_viewed', { stepId: 'x', stepType: 'survey' }, `evt_concurrent_shared_${i >> 1}`),
        ];
      });
      // Another connection sees only committed rows.
      const reader = await openDatabase(t.dbFile);
      try {
        const replies = await Promise.all(
          batches.map(async (events) => {
            const reply = await post({ events, keys });
            expect(reply.status).toBe(200);
            const acknowledged: string[] = [...reply.body.stored, ...reply.body.duplicates];
            expect(acknowledged.sort()).toEqual(events.map((e) => e.id).sort());
            const visible = await reader.kysely
              .selectFrom('events')
              .select('id')
              .where('id', 'in', acknowledged)
              .execute();
            expect(visible.map((r) => r.id).sort()).toEqual(acknowledged);
            return reply.body as { stored: string[]; duplicates: string[] };
          }),
        );
        const distinct = new Set(batches.flat().map((e) => e.id));
        expect(replies.flatMap((r) => r.stored).sort()).toEqual([...distinct].sort());
        expect(replies.flatMap((r) => r.duplicates)).toHaveLength(batches.flat().length - distinct.size);
      } finally {
        await reader.close();
      }
    });
  });
});
