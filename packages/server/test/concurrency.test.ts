import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.ts';
import type { Database } from '../src/db/tables.ts';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, createPgDatabase } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { browserPost, event, type Reply, tempDir, token, WEBHOOK_SECRET } from './helpers.ts';
import { killServers, NET_ORIGIN as ORIGIN, type ServerProcess, spawnServer, writeProcessSites } from './process.ts';
import { Receiver, until } from './receiver.ts';
import { SlowBilling } from './slow-billing.ts';

/**
 * Money safety under overlapping requests, against a real `cancelflow serve` process whose billing
 * plugin is a networked endpoint that takes 200–500 ms per call (as real providers do). Each race
 * runs ROUNDS times on fresh sessions; every round must end with exactly one billing call, one
 * webhook per event, at most one receipt, and a stored state that matches what billing was told.
 */
const ROUNDS = 20;
const PARALLEL_ROUNDS = 5;
const _SITE = 'acme'; // its secret, under another origin and with networked billing

/** The main flow, plus an offer step with a fixed offer, so two different offers can both be shown. */
const raceFlow = {
  ...mainFlow,
  id: 'race',
  steps: [
    mainFlow.steps[0],
    { id: 'offer', type: 'offer' },
    { id: 'offer_2', type: 'offer', offer: 'pause' },
    ...mainFlow.steps.slice(2),
  ],
  limits: { ...mainFlow.limits, maxOffersPerSession: 2 },
};

for (const backend of BACKENDS) {
  describe(`concurrent decisions on one session (${backend}, networked billing)`, () => {
    const billing = new SlowBilling();
    const hooks = new Receiver();
    const temp = tempDir();
    let server: ServerProcess;
    let db: Db;
    let dropPg: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      await billing.up();
      await hooks.up();
      const sitesFile = writeProcessSites(temp.path, raceFlow, billing.url, {
        webhooks: { url: hooks.url, secret: WEBHOOK_SECRET },
      });
      const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
      dropPg = pg?.drop;
      const dbUrl = pg?.url ?? join(temp.path, 'race.sqlite');
      server = await spawnServer({
        CANCELFLOW_DB: dbUrl,
        CANCELFLOW_SITES: sitesFile,
        CANCELFLOW_WEBHOOK_POLL_MS: '100',
      });
      db = await openDatabase(dbUrl);
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      killServers();
      await db?.close();
      await dropPg?.();
      await billing.down();
      await hooks.down();
      temp.remove();
    });

    const post = browserPost(() => server.url, ORIGIN);

    let subscribers = 0;
    /** A new session whose subscriber said the price is too high (so `discount_30` is shown). */
    async function start(claims: Record<string, unknown> = {}) {
      subscribers += 1;
      const sub = `race_${backend}_${subscribers}`;
      const reply = await post('/v1/sessions', {
        token: await token({ sub, sid: `sub_${sub}`, ...claims }),
        locale: {},
      });
      expect(reply.status).toBe(201);
      const { sessionId, sessionKey } = reply.body as { sessionId: string; sessionKey: string };
      const reason = event(sessionId, 'reason_selected', { stepId: 'why', reasonId: 'too_expensive' });
      const stored = await post('/v1/events', { events: [reason], keys: { [sessionId]: sessionKey } });
      expect(stored.body.stored).toEqual([reason.id]);
      return { sessionId, sessionKey };
    }

    /** What the server stored about a session: the outcome rows and the webhooks it will send. */
    async function stored(sessionId: string) {
      const k: Kysely<Database> = db.kysely;
      const [session, accepted, cancellations, feedback, outbox] = await Promise.all([
        k.selectFrom('sessions').select(['status', 'offer_id']).where('id', '=', sessionId).executeTakeFirstOrThrow(),
        k.selectFrom('offers_accepted').selectAll().where('session_id', '=', sessionId).execute(),
        k.selectFrom('cancellations').selectAll().where('session_id', '=', sessionId).execute(),
        k.selectFrom('feedback').select('id').where('session_id', '=', sessionId).execute(),
        k.selectFrom('webhook_outbox').select(['type', 'body']).where('body', 'like', `%${sessionId}%`).execute(),
      ]);
      const webhooks: Record<string, number> = {};
      for (const row of outbox) webhooks[row.type] = (webhooks[row.type] ?? 0) + 1;
      return { session, accepted, cancellations, feedback, webhooks };
    }

    /** The server's answers are final once no billing call is in flight and the outbox has been written. */
    async function settled(sessionId: string, webhookCount: number) {
      await until(async () => Object.values((await stored(sessionId)).webhooks).length > 0, 30_000, 'webhooks');
      const all = await stored(sessionId);
      const total = Object.values(all.webhooks).reduce((a, b) => a + b, 0);
      expect(total, `webhooks for ${sessionId}: ${JSON.stringify(all.webhooks)}`).toBe(webhookCount);
      await until(
        () => hooks.received.filter((d) => d.body.includes(sessionId)).length >= webhookCount,
        30_000,
        'webhook deliveries',
      );
      return all;
    }

    async function rounds(run: (round: number) => Promise<void>) {
      for (let first = 0; first < ROUNDS; first += PARALLEL_ROUNDS) {
        await Promise.all(Array.from({ length: PARALLEL_ROUNDS }, (_, i) => run(first + i)));
      }
    }

    const codes = (replies: Reply[]) => replies.map((r) => r.status).sort();

    it('50 identical accepts with one Idempotency-Key: one billing call, one answer for all', async () => {
      await rounds(async (round) => {
        const s = await start();
        const body = { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' };
        const replies = await Promise.all(
          Array.from({ length: 50 }, () => post(`/v1/sessions/${s.sessionId}/accept`, body, `acc-${round}`)),
        );
        expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
        expect(new Set(replies.map((r) => r.text)).size).toBe(1);
        const after = await settled(s.sessionId, 2);
        expect(billing.callsFor(s.sessionId).map((c) => c.type)).toEqual(['offer.apply']);
        expect(after.webhooks).toEqual({ 'offer.accepted': 1, 'session.completed': 1 });
        expect(after.session).toEqual({ status: 'saved', offer_id: 'discount_30' });
        expect(after.accepted).toHaveLength(1);
        expect(after.cancellations).toHaveLength(0);
      });
    }, 240_000);

    it('50 identical cancels with one Idempotency-Key: one billing call, one receipt', async () => {
      await rounds(async (round) => {
        const s = await start();
        const body = { sessionKey: s.sessionKey, reasonId: 'too_expensive' };
        const replies = await Promise.all(
          Array.from({ length: 50 }, () => post(`/v1/sessions/${s.sessionId}/cancel`, body, `can-${round}`)),
        );
        expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
        expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
        const after = await settled(s.sessionId, 2);
        expect(billing.callsFor(s.sessionId).map((c) => c.type)).toEqual(['subscription.cancel']);
        expect(billing.callsFor(s.sessionId)[0]?.data.receiptId).toBe(replies[0]?.body.id);
        expect(after.webhooks).toEqual({ 'subscription.cancelled': 1, 'session.completed': 1 });
        expect(after.session.status).toBe('cancelled');
        expect(after.cancellations.map((c) => c.id)).toEqual([replies[0]?.body.id]);
        expect(after.accepted).toHaveLength(0);
      });
    }, 240_000);

    // A cancel is never lost to an offer: it wins the race (the accept gets 409), or it is told to
    // retry while the accept is applied (409 `in_progress`, Retry-After) and its retry cancels after
    // the save, as a browser's http adapter retries it.
    it('accept ‖ cancel: one wins; a cancel that lost is retried and cancels after the save', async () => {
      await rounds(async (round) => {
        const s = await start();
        const cancelBody = { sessionKey: s.sessionKey };
        const [accept, cancel] = await Promise.all([
          post(
            `/v1/sessions/${s.sessionId}/accept`,
            { sessionKey: s.sessionKey, offerId: 'discount_30' },
            `a-${round}`,
          ),
          post(`/v1/sessions/${s.sessionId}/cancel`, cancelBody, `c-${round}`),
        ]);
        const calls = () => billing.callsFor(s.sessionId).map((c) => c.type);
        if (accept.status !== 200) {
          expect(accept.status).toBe(409);
          expect(cancel.status).toBe(200);
          const after = await settled(s.sessionId, 2);
          expect(calls()).toEqual(['subscription.cancel']);
          expect(after.session).toEqual({ status: 'cancelled', offer_id: null });
          expect(after.webhooks).toEqual({ 'subscription.cancelled': 1, 'session.completed': 1 });
          expect(after.accepted).toHaveLength(0);
          return;
        }
        let last = cancel;
        if (cancel.status === 409) {
          // Refused while the accept was being applied: said so, with a time to retry after.
          expect(cancel.body.error.code).toBe('in_progress');
          expect(cancel.headers.get('retry-after')).toBe('1');
          await until(async () => (await stored(s.sessionId)).session.status === 'saved', 30_000, 'the save');
          last = await post(`/v1/sessions/${s.sessionId}/cancel`, cancelBody, `c-${round}`);
        }
        expect(last.status).toBe(200);
        const after = await settled(s.sessionId, 4);
        expect(calls()).toEqual(['offer.apply', 'subscription.cancel']);
        expect(after.session).toEqual({ status: 'cancelled', offer_id: 'discount_30' });
        expect(after.accepted.map((a) => [a.offer_id, a.stage])).toEqual([['discount_30', 'cancelled_after']]);
        expect(after.cancellations.map((c) => c.id)).toEqual([last.body.id]);
        expect(after.webhooks).toEqual({ 'offer.accepted': 1, 'subscription.cancelled': 1, 'session.completed': 2 });
      });
    }, 240_000);
    // Billing answered 5xx to the offer: it may have applied it. The subscriber cancels instead (the
    // widget offers "Continue to cancel" beside the retry): the cancel is confirmed, and a retry of the
    // accept that arrives afterwards cannot make the session a save.
    it('an accept whose outcome billing left unknown, then a cancel: confirmed; the late accept saves nothing', async () => {
      const s = await start();
      const fails = (call: { type: string; sessionId: string }) =>
        call.type === 'offer.apply' && call.sessionId === s.sessionId;
      const answer = billing.answer;
      billing.answer = (call) => (fails(call) ? { status: 503 } : answer(call));
      try {
        const body = { sessionKey: s.sessionKey, offerId: 'discount_30' };
        const accept = await post(`/v1/sessions/${s.sessionId}/accept`, body, 'unknown-accept');
        expect(accept.status).toBe(502);
        expect(accept.body.error.message).toContain('retry the same request');
        const cancel = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }, 'after-unknown');
        expect(cancel.status).toBe(200);
        billing.answer = answer;
        // The same accept, retried late: the session is cancelled, so it is refused before billing.
        const late = await post(`/v1/sessions/${s.sessionId}/accept`, body, 'unknown-accept');
        expect(late.status).toBe(409);
        const after = await settled(s.sessionId, 2);
        expect(billing.callsFor(s.sessionId).map((c) => c.type)).toEqual(['offer.apply', 'subscription.cancel']);
        expect(after.session).toEqual({ status: 'cancelled', offer_id: null });
        expect(after.cancellations.map((c) => c.id)).toEqual([cancel.body.id]);
        expect(after.accepted).toHaveLength(0);
        expect(after.webhooks).toEqual({ 'subscription.cancelled': 1, 'session.completed': 1 });
      } finally {
        billing.answer = answer;
      }
    }, 60_000);

    // An API client that sends no Idempotency-Key does as the 502 says and retries the same request:
    // that is the same decision (the same offer and choice), which the retry finishes under billing's
    // same key. (It was another decision per request, refused 409 "retry that instead" for good.)
    it('an accept without an Idempotency-Key whose outcome billing left unknown: its retry applies it once', async () => {
      const s = await start();
      const answer = billing.answer;
      let failed = false;
      billing.answer = (call) => {
        if (failed || call.sessionId !== s.sessionId) return answer(call);
        failed = true;
        return { status: 503 };
      };
      try {
        const body = { sessionKey: s.sessionKey, offerId: 'discount_30' };
        const first = await post(`/v1/sessions/${s.sessionId}/accept`, body);
        expect(first.status).toBe(502);
        expect(first.body.error.message).toContain('retry the same request');
        const retry = await post(`/v1/sessions/${s.sessionId}/accept`, body);
        expect(retry.status, retry.text).toBe(200);
        expect(retry.body).toMatchObject({ offerId: 'discount_30', applied: true });
        const after = await settled(s.sessionId, 2);
        expect(billing.callsFor(s.sessionId).map((c) => c.idempotencyKey)).toEqual([
          `accept:${s.sessionId}`,
          `accept:${s.sessionId}`,
        ]);
        expect(after.session).toEqual({ status: 'saved', offer_id: 'discount_30' });
        expect(after.accepted).toHaveLength(1);
        expect(after.webhooks).toEqual({ 'offer.accepted': 1, 'session.completed': 1 });
      } finally {
        billing.answer = answer;
      }
    }, 60_000);

    it('cancel ‖ withdraw: one wins; the receipt and billing agree on which', async () => {
      const since = new Date().toISOString().slice(0, 10);
      await rounds(async (round) => {
        const s = await start({ country: 'NL', since });
        const [cancel, withdraw] = await Promise.all([
          post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }, `c-${round}`),
          post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey, withdraw: true }, `w-${round}`),
        ]);
        expect(codes([cancel, withdraw])).toEqual([200, 409]);
        const winner = cancel.status === 200 ? cancel : withdraw;
        const after = await settled(s.sessionId, 2);
        const calls = billing.callsFor(s.sessionId);
        expect(calls.map((c) => c.type)).toEqual(['subscription.cancel']);
        expect(calls[0]?.data.withdrawal).toBe(winner === withdraw);
        expect(Boolean(winner.body.withdrawal)).toBe(winner === withdraw);
        expect(after.cancellations.map((c) => [c.id, c.withdrawal])).toEqual([
          [winner.body.id, winner === withdraw ? 1 : 0],
        ]);
        expect(after.webhooks).toEqual({ 'subscription.cancelled': 1, 'session.completed': 1 });
      });
    }, 240_000);

    it('accept ‖ accept of two shown offers: one is applied, the other gets 409', async () => {
      await rounds(async (round) => {
        const s = await start();
        const [discount, pause] = await Promise.all([
          post(
            `/v1/sessions/${s.sessionId}/accept`,
            { sessionKey: s.sessionKey, offerId: 'discount_30' },
            `d-${round}`,
          ),
          post(
            `/v1/sessions/${s.sessionId}/accept`,
            { sessionKey: s.sessionKey, offerId: 'pause', choice: { months: 1 } },
            `p-${round}`,
          ),
        ]);
        expect(codes([discount, pause])).toEqual([200, 409]);
        const winner = discount.status === 200 ? 'discount_30' : 'pause';
        const after = await settled(s.sessionId, 2);
        const calls = billing.callsFor(s.sessionId);
        expect(calls.map((c) => [c.type, c.data.offerId])).toEqual([['offer.apply', winner]]);
        expect(after.session).toEqual({ status: 'saved', offer_id: winner });
        expect(after.accepted.map((a) => a.offer_id)).toEqual([winner]);
        expect(after.webhooks).toEqual({ 'offer.accepted': 1, 'session.completed': 1 });
      });
    }, 240_000);

    // One subscriber, two windows: an offer in one while the other's cancel is with billing. That cancel
    // may yet be refused, so the offer is not told "that cancel stands" (a final 409) but to retry
    // shortly; billing refuses the cancel, and the retried offer is applied.
    it("an offer taken while the subscriber's other session is cancelling waits for that cancel, which billing then refuses", async () => {
      const saving = await start();
      const sub = `race_${backend}_${subscribers}`;
      const cancelling = (await post('/v1/sessions', { token: await token({ sub, sid: `sub_${sub}` }), locale: {} }))
        .body as { sessionId: string; sessionKey: string };
      const answer = billing.answer;
      let release = () => {};
      billing.gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The site refuses this cancel (a 4xx): nothing was cancelled.
      billing.answer = (call) => (call.sessionId === cancelling.sessionId ? { status: 422 } : answer(call));
      try {
        const cancel = post(`/v1/sessions/${cancelling.sessionId}/cancel`, { sessionKey: cancelling.sessionKey }, 'c');
        await until(() => billing.callsFor(cancelling.sessionId).length === 1, 30_000, 'the cancel to reach billing');
        const accept = () =>
          post(
            `/v1/sessions/${saving.sessionId}/accept`,
            { sessionKey: saving.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
            'a',
          );
        const early = await accept();
        expect(early.status, early.text).toBe(409);
        expect(early.body.error.code).toBe('in_progress');
        expect(early.headers.get('retry-after')).toBe('1');
        billing.gate = undefined;
        release();
        const refused = await cancel;
        expect(refused.status, refused.text).toBe(502);
        expect(refused.body.error.message).toContain('nothing was changed');
        const late = await accept();
        expect(late.status, late.text).toBe(200);
        expect(billing.callsFor(saving.sessionId).map((c) => c.type)).toEqual(['offer.apply']);
      } finally {
        billing.gate = undefined;
        release();
        billing.answer = answer;
      }
    }, 60_000);

    // A session's offers are resolved when it starts, cooldowns included: a subscriber who opened
    // several before taking an offer in one must not get a cooling-down offer again in the others.
    it("a cooling-down offer whose outcome billing left unknown counts as taken in the subscriber's other sessions; its own retry applies it once", async () => {
      const first = await start();
      const sub = `race_${backend}_${subscribers}`;
      const other = (await post('/v1/sessions', { token: await token({ sub, sid: `sub_${sub}` }), locale: {} }))
        .body as { sessionId: string; sessionKey: string };
      const acceptIn = (s: { sessionId: string; sessionKey: string }) =>
        post(
          `/v1/sessions/${s.sessionId}/accept`,
          { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
          `unsettled-${s.sessionId}`,
        );
      const answer = billing.answer;
      // Billing applies the first call, then its answer is lost (503): the outcome is unknown.
      billing.answer = (call) => (call.sessionId === first.sessionId ? { status: 503 } : answer(call));
      try {
        expect((await acceptIn(first)).status).toBe(502);
      } finally {
        billing.answer = answer;
      }
      const elsewhere = await acceptIn(other);
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body.error.message).toMatch(/has not confirmed .* counts as taken/);
      expect(billing.callsFor(other.sessionId)).toEqual([]);
      // The first session's retry tells billing the same thing under the same key: applied once.
      expect((await acceptIn(first)).status).toBe(200);
      const calls = billing.callsFor(first.sessionId);
      expect(calls.map((c) => c.idempotencyKey)).toEqual([calls[0]?.idempotencyKey, calls[0]?.idempotencyKey]);
      expect((await acceptIn(other)).status).toBe(403);
      expect(billing.callsFor(other.sessionId)).toEqual([]);
    }, 60_000);

    it("accepts of a cooling-down offer in one subscriber's sessions opened in advance: billing applies it once", async () => {
      for (let round = 0; round < 3; round++) {
        const first = await start();
        const sub = `race_${backend}_${subscribers}`;
        const others = await Promise.all(
          Array.from({ length: 4 }, async () => {
            const reply = await post('/v1/sessions', { token: await token({ sub, sid: `sub_${sub}` }), locale: {} });
            return reply.body as { sessionId: string; sessionKey: string };
          }),
        );
        const sessions = [first, ...others];
        const acceptIn = (s: { sessionId: string; sessionKey: string }) =>
          post(
            `/v1/sessions/${s.sessionId}/accept`,
            { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
            `cool-${s.sessionId}`,
          );
        const replies = await Promise.all(sessions.map(acceptIn));
        const won = replies.filter((r) => r.status === 200);
        expect(won, JSON.stringify(replies.map((r) => [r.status, r.body]))).toHaveLength(1);
        for (const r of replies.filter((each) => each.status !== 200)) expect([403, 409]).toContain(r.status);
        const winner = sessions[replies.indexOf(won[0] as Reply)] as { sessionId: string };
        await settled(winner.sessionId, 2);
        // Those told to retry (409 in_progress) are refused once the winner is recorded.
        const retried = await Promise.all(sessions.filter((s) => s !== winner).map(acceptIn));
        expect(new Set(retried.map((r) => r.status))).toEqual(new Set([403]));
        expect(retried[0]?.body.error.message).toMatch(
          /accepted a discount offer on \d{4}-\d{2}-\d{2}, within the flow's 180-day cooldown/,
        );
        const applied = sessions.flatMap((s) => billing.callsFor(s.sessionId)).filter((c) => c.type === 'offer.apply');
        expect(applied.map((c) => c.sessionId)).toEqual([winner.sessionId]);
        const accepted = await db.kysely
          .selectFrom('offers_accepted')
          .select('session_id')
          .where('subscriber_id', '=', sub)
          .execute();
        expect(accepted.map((a) => a.session_id)).toEqual([winner.sessionId]);
      }
    }, 240_000);
  });
}
