import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/crypto.ts';
import { verifySignature } from '../src/index.ts';
import { BACKENDS } from './backends.ts';
import { BILLING_SECRET, event, openSession, startTestServer, type TestServer } from './helpers.ts';

// The storage behaviour must hold on every database the server supports.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  let billing: Server;
  let billingStatus = 200;
  let billingPlainText = false;
  /** Answers 200 with the start of a JSON body, and never the rest (ended when the tests are done). */
  let billingStallsBody = false;
  const stalled: ServerResponse[] = [];
  const billingCalls: { headers: Record<string, unknown>; body: string }[] = [];
  /** How far the server's clock runs ahead of the real one. */
  let ahead = 0;

  beforeAll(async () => {
    billing = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        billingCalls.push({ headers: req.headers, body });
        if (billingStallsBody) {
          res.writeHead(200, { 'content-type': 'application/json' }).write('{"message":"Applied in');
          stalled.push(res);
          return;
        }
        if (billingPlainText) {
          res.writeHead(billingStatus, { 'content-type': 'text/plain' }).end('OK');
          return;
        }
        res.writeHead(billingStatus, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Applied in our billing', resumesOn: '2030-01-01', extra: 'ignored' }));
      });
    });
    await new Promise<void>((resolve) => billing.listen(0, '127.0.0.1', resolve));
    const port = (billing.address() as AddressInfo).port;
    t = await startTestServer({
      backend,
      billingUrl: `http://127.0.0.1:${port}/billing`,
      now: () => new Date(Date.now() + ahead),
    });
  });
  afterAll(async () => {
    for (const res of stalled) res.end('"}');
    await t?.close();
    billing?.close();
  });

  const accept = (sessionId: string, body: Record<string, unknown>, key = `k-${Math.random()}`) =>
    t.call('POST', `/v1/sessions/${sessionId}/accept`, body, { 'idempotency-key': key });

  const ledger = async (sub: string) => (await t.admin('GET', `/v1/admin/subscribers/${sub}/export`)).body;

  describe('POST /v1/sessions/:id/accept', () => {
    it('applies an eligible offer through the demo billing ledger and marks the session saved', async () => {
      const s = await openSession(t, { sub: 'cus_pause', sid: 'sub_pause' });
      const reply = await accept(s.sessionId, {
        sessionKey: s.sessionKey,
        offerId: 'pause',
        reasonId: 'not_using',
        choice: { months: 2 },
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ offerId: 'pause', applied: true, result: { resumesOn: expect.any(String) } });
      const data = await ledger('cus_pause');
      // Under the reason the offer was checked against, though no `reason_selected` event came first.
      expect(data.sessions[0]).toMatchObject({ status: 'saved', offer_id: 'pause', reason_id: 'not_using' });
      expect(data.subscriptions[0]).toMatchObject({
        subscription_id: 'sub_pause',
        status: 'paused',
        paused_until: reply.body.result.resumesOn,
      });
    });

    it('records a plan change and a discount in the ledger', async () => {
      const a = await openSession(t, { sub: 'cus_plan' });
      expect(
        (
          await accept(a.sessionId, {
            sessionKey: a.sessionKey,
            offerId: 'downgrade',
            reasonId: 'missing',
            choice: { planId: 'basic' },
          })
        ).body,
      ).toMatchObject({ result: { planId: 'basic' } });
      expect((await ledger('cus_plan')).subscriptions[0]).toMatchObject({ plan: 'basic', status: 'active' });
      const b = await openSession(t, { sub: 'cus_discount' });
      expect(
        (await accept(b.sessionId, { sessionKey: b.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' }))
          .status,
      ).toBe(200);
      expect((await ledger('cus_discount')).subscriptions[0].discount).toMatchObject({
        percentOff: 30,
        coupon: 'STAY30',
      });
    });

    it('answers 403 for a forged offer id and for an offer only other subscribers get, and records both', async () => {
      const s = await openSession(t, { sub: 'cus_forger' });
      const forged = await accept(s.sessionId, { sessionKey: s.sessionKey, offerId: 'free_forever' });
      expect(forged.status).toBe(403);
      expect(forged.body.error.code).toBe('forbidden');
      const vipOnly = await accept(s.sessionId, {
        sessionKey: s.sessionKey,
        offerId: 'vip_talk',
        reasonId: 'too_expensive',
      });
      expect(vipOnly.status).toBe(403);
      const data = await ledger('cus_forger');
      expect(data.sessions[0].status).toBe('open');
      expect(data.subscriptions).toEqual([]);
      // An id the flow defines is kept as it is; anything else the browser sent only as a hash.
      expect(data.rejectedAttempts.map((r: { status: number; detail: string }) => [r.status, r.detail]).sort()).toEqual(
        [
          [403, `offer#${sha256Hex('free_forever').slice(0, 16)}`],
          [403, 'offer=vip_talk'],
        ],
      );
    });

    it('never takes a contact offer: 422, billing not told, the session still open and nothing counted', async () => {
      const s = await openSession(t, { sub: 'cus_vip_contact', plan: 'vip' });
      const reply = await accept(s.sessionId, {
        sessionKey: s.sessionKey,
        offerId: 'vip_talk',
        reasonId: 'too_expensive',
      });
      expect(reply.status).toBe(422);
      expect(reply.body.error.message).toMatch(/contact offer is not taken/);
      const data = await ledger('cus_vip_contact');
      expect(data.sessions[0].status).toBe('open');
      expect(data.offersAccepted).toEqual([]);
      expect(data.subscriptions).toEqual([]);
      expect(data.webhooks).toEqual([]);
    });

    it('keeps no free text from the browser in the audit: an email address as offer id is stored hashed', async () => {
      const s = await openSession(t, { sub: 'cus_audit_text' });
      const email = 'someone.private@example.com';
      expect((await accept(s.sessionId, { sessionKey: s.sessionKey, offerId: email })).status).toBe(403);
      const data = await ledger('cus_audit_text');
      const all = await t.admin('GET', '/v1/admin/subscribers/cus_audit_text/export');
      expect(all.text).not.toContain(email);
      expect(data.rejectedAttempts.map((r: { detail: string }) => r.detail)).toEqual([
        `offer#${sha256Hex(email).slice(0, 16)}`,
      ]);
    });

    it("refuses (403) an offer that was never shown: another reason's offer, or a reason offer with no reason given", async () => {
      const s = await openSession(t, { sub: 'cus_not_shown' });
      // Said "too expensive" (shown discount_30), then tries the pause that "not using" would have shown.
      await t.call('POST', '/v1/events', {
        events: [event(s.sessionId, 'reason_selected', { stepId: 'why', reasonId: 'too_expensive' })],
        keys: { [s.sessionId]: s.sessionKey },
      });
      const other = await accept(s.sessionId, { sessionKey: s.sessionKey, offerId: 'pause', choice: { months: 1 } });
      expect(other.status).toBe(403);
      const claimed = await accept(s.sessionId, {
        sessionKey: s.sessionKey,
        offerId: 'pause',
        reasonId: 'too_expensive',
        choice: { months: 1 },
      });
      expect(claimed.status).toBe(403);
      const noReason = await openSession(t, { sub: 'cus_no_reason' });
      expect(
        (await accept(noReason.sessionId, { sessionKey: noReason.sessionKey, offerId: 'discount_30' })).status,
      ).toBe(403);
      const unknownReason = await accept(noReason.sessionId, {
        sessionKey: noReason.sessionKey,
        offerId: 'discount_30',
        reasonId: 'no_such_reason',
      });
      expect(unknownReason.status).toBe(422);
      // The offer that was shown for the reason given is accepted.
      const shown = await accept(s.sessionId, { sessionKey: s.sessionKey, offerId: 'discount_30' });
      expect(shown.status).toBe(200);
    });

    it('answers 422 for a choice outside the offer bounds', async () => {
      const s = await openSession(t);
      for (const choice of [{ months: 4 }, { months: 0 }, { weeks: 2 }, {}]) {
        const reply = await accept(s.sessionId, {
          sessionKey: s.sessionKey,
          offerId: 'pause',
          reasonId: 'not_using',
          choice,
        });
        expect(reply.status, JSON.stringify(choice)).toBe(422);
      }
      const plan = await accept(s.sessionId, {
        sessionKey: s.sessionKey,
        offerId: 'downgrade',
        reasonId: 'missing',
        choice: { planId: 'gold' },
      });
      expect(plan.status).toBe(422);
      const fraction = await accept(s.sessionId, {
        sessionKey: s.sessionKey,
        offerId: 'pause',
        reasonId: 'not_using',
        choice: { months: 1.5 },
      });
      expect(fraction.status).toBe(422);
    });

    it('answers 401 for a wrong session key or an unknown session', async () => {
      const s = await openSession(t);
      expect(
        (
          await accept(s.sessionId, {
            sessionKey: 'wrong',
            offerId: 'pause',
            reasonId: 'not_using',
            choice: { months: 1 },
          })
        ).status,
      ).toBe(401);
      expect(
        (
          await accept('ses_nope', {
            sessionKey: s.sessionKey,
            offerId: 'pause',
            reasonId: 'not_using',
            choice: { months: 1 },
          })
        ).status,
      ).toBe(401);
    });

    it('returns the first response for a retry with the same key, and 409 for a replay with another key', async () => {
      const s = await openSession(t, { sub: 'cus_replay' });
      const body = { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } };
      const first = await accept(s.sessionId, body, 'accept-1');
      const retry = await accept(s.sessionId, body, 'accept-1');
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      const replay = await accept(s.sessionId, { ...body, choice: { months: 2 } }, 'accept-2');
      expect(replay.status).toBe(409);
      // It names what the session took, so the widget can show the save billing applied (not a failure).
      expect(replay.body.error.accepted).toEqual({
        offerId: 'pause',
        choice: { months: 1 },
        result: first.body.result,
      });
      const other = await accept(s.sessionId, { ...body, offerId: 'discount_30', choice: undefined }, 'accept-3');
      expect(other.status).toBe(409);
      const data = await ledger('cus_replay');
      expect(data.offersAccepted).toHaveLength(1);
      expect(data.rejectedAttempts.map((r: { status: number }) => r.status)).toEqual([409, 409]);
    });

    it('refuses an offer whose type is cooling down for this subscriber (from the stored history)', async () => {
      const first = await openSession(t, { sub: 'cus_cooldown' });
      expect(
        (
          await accept(first.sessionId, {
            sessionKey: first.sessionKey,
            offerId: 'discount_30',
            reasonId: 'too_expensive',
          })
        ).status,
      ).toBe(200);
      const second = await openSession(t, { sub: 'cus_cooldown' });
      expect(second.body.flow.offers.discount_30).toBeUndefined();
      expect(
        (
          await accept(second.sessionId, {
            sessionKey: second.sessionKey,
            offerId: 'discount_30',
            reasonId: 'too_expensive',
          })
        ).status,
      ).toBe(403);
    });

    it('refuses it also in a session opened before the accept, which still offered it', async () => {
      const early = await openSession(t, { sub: 'cus_in_advance' });
      const later = await openSession(t, { sub: 'cus_in_advance' });
      expect(later.body.flow.offers.discount_30).toBeDefined();
      const body = (s: typeof early) => ({
        sessionKey: s.sessionKey,
        offerId: 'discount_30',
        reasonId: 'too_expensive',
      });
      expect((await accept(early.sessionId, body(early))).status).toBe(200);
      const refused = await accept(later.sessionId, body(later));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain("within the flow's 180-day cooldown");
      expect((await ledger('cus_in_advance')).offersAccepted).toHaveLength(1);
      // Another type of offer is not cooling down.
      const pause = await accept(later.sessionId, {
        sessionKey: later.sessionKey,
        offerId: 'pause',
        reasonId: 'not_using',
        choice: { months: 1 },
      });
      expect(pause.status).toBe(200);
    });

    it("refuses a session's offers a day after it started (409), and still takes its cancel", async () => {
      const s = await openSession(t, { sub: 'cus_day_old' });
      const body = { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } };
      try {
        ahead = 24 * 3_600_000 + 60_000;
        const stale = await accept(s.sessionId, body);
        expect(stale.status).toBe(409);
        expect(stale.body.error.message).toBe('this session started more than 24 hours ago; its offers have expired');
        const cancel = await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
        expect(cancel.status).toBe(200);
      } finally {
        ahead = 0;
      }
      const fresh = await openSession(t, { sub: 'cus_day_young' });
      ahead = 23 * 3_600_000;
      try {
        const taken = await accept(fresh.sessionId, { ...body, sessionKey: fresh.sessionKey });
        expect(taken.status).toBe(200);
      } finally {
        ahead = 0;
      }
    });

    it('counts offers the browser reported as shown towards the cooldown', async () => {
      const first = await openSession(t, { sub: 'cus_shown' });
      await t.call('POST', '/v1/events', {
        events: [event(first.sessionId, 'offer_shown', { offerId: 'discount_30', offerType: 'discount' })],
        keys: { [first.sessionId]: first.sessionKey },
      });
      const second = await openSession(t, { sub: 'cus_shown' });
      expect(second.body.flow.offers.discount_30).toBeUndefined();
      expect(second.body.flow.offers.pause).toBeDefined();
    });

    it('calls the webhook billing plugin with a signed request and passes its answer on', async () => {
      billingStatus = 200;
      billingCalls.length = 0;
      const s = await openSession(t, { sub: 'cus_hooked' }, 'hooked');
      const reply = await t.call(
        'POST',
        `/v1/sessions/${s.sessionId}/accept`,
        { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 3 } },
        { origin: 'https://hooked.example', 'idempotency-key': 'h1' },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.result).toEqual({ message: 'Applied in our billing', resumesOn: '2030-01-01' });
      expect(billingCalls).toHaveLength(1);
      const call = billingCalls[0] as (typeof billingCalls)[number];
      const signature = String(call.headers['cancelflow-signature']);
      expect(verifySignature(BILLING_SECRET, call.body, signature, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature('another-secret', call.body, signature, Math.floor(Date.now() / 1000))).toBe(false);
      expect(JSON.parse(call.body)).toMatchObject({
        type: 'offer.apply',
        data: { offerId: 'pause', choice: { months: 3 }, subscriber: { sub: 'cus_hooked' } },
      });
    });

    it('takes a plain-text 2xx from the billing endpoint as applied (docs/server.md: "A 2xx applies")', async () => {
      billingPlainText = true;
      try {
        const s = await openSession(t, { sub: 'cus_plain_ok' }, 'hooked');
        const reply = await t.call(
          'POST',
          `/v1/sessions/${s.sessionId}/accept`,
          { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
          { origin: 'https://hooked.example', 'idempotency-key': 'plain-1' },
        );
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ offerId: 'pause', applied: true });
        expect((await ledger('cus_plain_ok')).sessions[0].status).toBe('saved');
      } finally {
        billingPlainText = false;
      }
    });

    it('takes a 2xx whose body never ends as applied, once the billing timeout (10 s) has passed', async () => {
      billingStallsBody = true;
      try {
        const s = await openSession(t, { sub: 'cus_stalled_body' }, 'hooked');
        const reply = await t.call(
          'POST',
          `/v1/sessions/${s.sessionId}/accept`,
          { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
          { origin: 'https://hooked.example', 'idempotency-key': 'stalled-1' },
        );
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ offerId: 'pause', applied: true });
        expect((await ledger('cus_stalled_body')).sessions[0].status).toBe('saved');
      } finally {
        billingStallsBody = false;
      }
    }, 60_000);

    it('answers 502 billing_failed when the billing endpoint fails, and changes nothing', async () => {
      billingStatus = 500;
      const s = await openSession(t, { sub: 'cus_billing_down' }, 'hooked');
      const reply = await t.call(
        'POST',
        `/v1/sessions/${s.sessionId}/accept`,
        { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
        { origin: 'https://hooked.example', 'idempotency-key': 'h2' },
      );
      expect(reply.status).toBe(502);
      expect(reply.body.error.code).toBe('billing_failed');
      const data = await ledger('cus_billing_down');
      expect(data.sessions[0].status).toBe('open');
      expect(data.offersAccepted).toEqual([]);
      // Once billing is back, the same accept goes through.
      billingStatus = 200;
      const retry = await t.call(
        'POST',
        `/v1/sessions/${s.sessionId}/accept`,
        { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
        { origin: 'https://hooked.example', 'idempotency-key': 'h2' },
      );
      expect(retry.status).toBe(200);
    });

    it('shows no offers to a holdout subscriber and refuses any accept', async () => {
      for (let i = 0; i < 40; i++) {
        const s = await openSession(t, { sub: `cus_exp_${i}` }, 'exp');
        if (!s.body.flow.experiment.holdout) continue;
        expect(s.body.flow.offers).toEqual({});
        expect(
          (await accept(s.sessionId, { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' }))
            .status,
        ).toBe(403);
        return;
      }
      throw new Error('no holdout subscriber among 40 (weights are 50/50)');
    });

    // The flow declares only us-ftc: Minnesota's profile comes from the signed token's region.
    it("refuses (403) a reason's offer to a Minnesota subscriber (us-mn: no offers during cancellation), though the browser says it was shown", async () => {
      const s = await openSession(t, { sub: 'cus_minnesota', country: 'US', region: 'MN' });
      expect(s.body.flow.profiles).toContain('us-mn');
      expect(s.body.flow.reasonOffers).toEqual({});
      await t.call('POST', '/v1/events', {
        events: [
          event(s.sessionId, 'reason_selected', { stepId: 'why', reasonId: 'too_expensive' }),
          event(s.sessionId, 'offer_shown', { stepId: 'offer', offerId: 'discount_30', reasonId: 'too_expensive' }),
        ],
        keys: { [s.sessionId]: s.sessionKey },
      });
      const reply = await accept(s.sessionId, {
        sessionKey: s.sessionKey,
        offerId: 'discount_30',
        reasonId: 'too_expensive',
      });
      expect(reply.status).toBe(403);
      expect((await ledger('cus_minnesota')).subscriptions).toEqual([]);
    });

    it('counts every offer taken as shown, though most accepts here sent no offer_shown event', async () => {
      const { body } = await t.admin('GET', '/v1/admin/insights/offers');
      const offers = body.offers as { offerId: string; shown: number; accepted: number; acceptanceRate: number }[];
      expect(offers.some((o) => o.accepted > 0)).toBe(true);
      for (const offer of offers) {
        expect(offer.shown, offer.offerId).toBeGreaterThanOrEqual(offer.accepted);
        expect(offer.acceptanceRate, offer.offerId).toBeLessThanOrEqual(1);
      }
    });
  });
});
