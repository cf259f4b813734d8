import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, ORIGIN, openSession, send, startTestServer, type TestServer, token } from './helpers.ts';

// The storage behaviour must hold on every database the server supports.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  const cancel = (sessionId: string, body: Record<string, unknown>, key = `c-${Math.random()}`) =>
    t.call('POST', `/v1/sessions/${sessionId}/cancel`, body, { 'idempotency-key': key });

  describe('POST /v1/sessions/:id/cancel', () => {
    it('records the cancel, cancels in the ledger, and returns a receipt (free text in the body is not stored)', async () => {
      const s = await openSession(t, { sub: 'cus_leaves', sid: 'sub_leaves', plan: 'pro', periodEnd: '2099-06-30' });
      const reply = await cancel(s.sessionId, { sessionKey: s.sessionKey, reasonId: 'missing', feedback: 'No SSO' });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        id: expect.stringMatching(/^rcp_[A-Za-z0-9_-]{22}$/),
        sessionId: s.sessionId,
        confirmedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        effectiveOn: '2099-06-30',
        subscriptionId: 'sub_leaves',
        plan: 'pro',
        refund: 'You get a full refund if you cancel within 14 days of your last payment.',
        url: `${t.url}/v1/receipts/${reply.body.id}`,
      });
      const data = (await t.admin('GET', '/v1/admin/subscribers/cus_leaves/export')).body;
      expect(data.sessions[0]).toMatchObject({ status: 'cancelled', reason_id: 'missing' });
      expect(data.subscriptions[0]).toMatchObject({ status: 'cancelling', cancel_at: '2099-06-30' });
      expect(data.feedback).toEqual([]);
    });

    it('takes effect today when the paid period end is unknown or past', async () => {
      const s = await openSession(t, { sub: 'cus_now', periodEnd: '2001-01-01' });
      const reply = await cancel(s.sessionId, { sessionKey: s.sessionKey });
      expect(reply.body.effectiveOn).toBe(new Date().toISOString().slice(0, 10));
    });

    it('returns the same receipt when the cancel is confirmed again', async () => {
      const s = await openSession(t);
      const first = await cancel(s.sessionId, { sessionKey: s.sessionKey }, 'same');
      const retry = await cancel(s.sessionId, { sessionKey: s.sessionKey }, 'same');
      const fresh = await cancel(s.sessionId, { sessionKey: s.sessionKey });
      expect(retry.body).toEqual(first.body);
      expect(fresh.status).toBe(200);
      expect(fresh.body.id).toBe(first.body.id);
    });

    it('within the EU withdrawal period, withdraws: ends today, refunds everything, tells the billing system', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const since = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
      const s = await openSession(t, { sub: 'cus_withdraws', country: 'NL', since, periodEnd: '2099-06-30' });
      expect(s.body.flow.withdrawal).toBeDefined();
      const reply = await cancel(s.sessionId, { sessionKey: s.sessionKey, withdraw: true });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        withdrawal: true,
        effectiveOn: today,
        refund: 'You withdrew from the contract: everything you paid is refunded.',
      });
      const data = (await t.admin('GET', '/v1/admin/subscribers/cus_withdraws/export')).body;
      expect(data.subscriptions[0]).toMatchObject({ status: 'cancelled', cancel_at: today });
    });

    it('refuses a withdrawal (422) once the period is over, or where it does not apply', async () => {
      const since = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
      const late = await openSession(t, { sub: 'cus_late', country: 'NL', since });
      const reply = await cancel(late.sessionId, { sessionKey: late.sessionKey, withdraw: true });
      expect(reply.status).toBe(422);
      expect(reply.body.error.message).toContain('does not apply');
      const us = await openSession(t, { sub: 'cus_us', country: 'US', since: new Date().toISOString().slice(0, 10) });
      expect((await cancel(us.sessionId, { sessionKey: us.sessionKey, withdraw: true })).status).toBe(422);
      // A plain cancel still works for both.
      expect((await cancel(late.sessionId, { sessionKey: late.sessionKey })).status).toBe(200);
    });

    // E.g. the accept's answer never reached the browser, which offered "Continue to cancel".
    it('confirms a cancel after an offer was accepted: the session ends cancelled, the offer saved nothing', async () => {
      const s = await openSession(t, { sub: 'cus_changes_mind', mrr: 40, currency: 'USD' });
      const accepted = await t.call(
        'POST',
        `/v1/sessions/${s.sessionId}/accept`,
        { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
        { 'idempotency-key': 'a' },
      );
      expect(accepted.status).toBe(200);
      const saved = (await t.admin('GET', '/v1/admin/subscribers/cus_changes_mind/export')).body;
      expect(saved.subscriptions[0]).toMatchObject({ status: 'paused' });
      expect(saved.saves).toHaveLength(1);

      const reply = await cancel(s.sessionId, { sessionKey: s.sessionKey, reasonId: 'not_using' });
      expect(reply.status).toBe(200);
      expect(reply.body.sessionId).toBe(s.sessionId);
      // Confirmed again, with any key: the same receipt. The offer cannot be taken again.
      expect((await cancel(s.sessionId, { sessionKey: s.sessionKey })).body.id).toBe(reply.body.id);
      const again = await t.call(
        'POST',
        `/v1/sessions/${s.sessionId}/accept`,
        { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
        { 'idempotency-key': 'b' },
      );
      expect(again.status).toBe(409);

      const data = (await t.admin('GET', '/v1/admin/subscribers/cus_changes_mind/export')).body;
      expect(data.sessions[0]).toMatchObject({ status: 'cancelled', offer_id: 'pause', reason_id: 'not_using' });
      expect(data.subscriptions[0]).toMatchObject({ status: 'cancelling' });
      expect(data.offersAccepted).toEqual([expect.objectContaining({ offer_id: 'pause', stage: 'cancelled_after' })]);
      expect(data.cancellations.map((c: { id: string }) => c.id)).toEqual([reply.body.id]);
      expect(data.saves).toEqual([]);
      // Counted as accepted, with no MRR saved, and the session as cancelled.
      const offers = (await t.admin('GET', '/v1/admin/insights/offers')).body.offers;
      expect(offers.find((o: { offerId: string }) => o.offerId === 'pause')).toMatchObject({
        accepted: 1,
        mrrSaved: {},
      });
    });

    it('answers 401 for a wrong key, 422 for an unknown reason', async () => {
      const other = await openSession(t);
      expect((await cancel(other.sessionId, { sessionKey: 'nope' })).status).toBe(401);
      const reason = await cancel(other.sessionId, { sessionKey: other.sessionKey, reasonId: 'made_up' });
      expect(reason.status).toBe(422);
      expect(reason.body.error.message).toContain('made_up');
    });

    it("answers 409 to an accept of the flow's offers after the cancel, 403 to an offer it never had", async () => {
      const s = await openSession(t);
      expect((await cancel(s.sessionId, { sessionKey: s.sessionKey, reasonId: 'not_using' })).status).toBe(200);
      const accept = (offerId: string) =>
        t.call(
          'POST',
          `/v1/sessions/${s.sessionId}/accept`,
          { sessionKey: s.sessionKey, offerId, reasonId: 'not_using', choice: { months: 1 } },
          { 'idempotency-key': `after-${offerId}` },
        );
      const late = await accept('pause');
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe('this session was already cancelled');
      expect((await accept('made_up')).status).toBe(403);
    });
  });

  // Last in this file's sessions: it publishes a flow whose done step offers a discount.
  describe("the done step's offer", () => {
    it('is refused (409) after an offer taken and then cancelled, before billing hears of it; taken after a plain cancel', async () => {
      const flow = structuredClone(mainFlow) as { steps: { type: string; offer?: string }[] };
      const done = flow.steps.find((step) => step.type === 'done');
      if (done) done.offer = 'discount_30';
      const published = await send(`${t.url}/v1/admin/flows/acme/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: JSON.stringify(flow) }),
      });
      expect([published.status, published.body.error]).toEqual([201, undefined]);
      const call = (s: { sessionId: string; sessionKey: string }, path: string, body: object) =>
        t.call('POST', `/v1/sessions/${s.sessionId}/${path}`, { sessionKey: s.sessionKey, ...body });
      const ledger = async (sub: string) =>
        (await t.admin('GET', `/v1/admin/subscribers/${sub}/export`)).body.subscriptions[0];

      const s = await openSession(t, { sub: 'cus_twice' });
      expect((await call(s, 'accept', { offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } })).status).toBe(
        200,
      );
      expect((await call(s, 'cancel', {})).status).toBe(200);
      for (const attempt of [1, 2]) {
        const late = await call(s, 'accept', { offerId: 'discount_30' });
        expect([attempt, late.status, late.body.error?.message]).toEqual([
          attempt,
          409,
          'an offer was already taken in this session, before its cancel',
        ]);
      }
      expect(await ledger('cus_twice')).toMatchObject({ status: 'cancelling', discount: null });
      const data = (await t.admin('GET', '/v1/admin/subscribers/cus_twice/export')).body;
      expect(data.offersAccepted.map((o: { offer_id: string }) => o.offer_id)).toEqual(['pause']);

      // Without an offer before the cancel, the done step's discount is applied and recorded.
      const plain = await openSession(t, { sub: 'cus_once' });
      expect((await call(plain, 'cancel', {})).status).toBe(200);
      expect((await call(plain, 'accept', { offerId: 'discount_30' })).status).toBe(200);
      expect(await ledger('cus_once')).toMatchObject({ discount: expect.objectContaining({ percentOff: 30 }) });
    });
  });

  describe('GET /v1/receipts/:id', () => {
    it('serves the receipt as JSON and as an escaped, printable HTML page in the session language', async () => {
      const tok = await token({
        sub: 'cus_html',
        sid: '<script>alert(1)</script>',
        plan: '"><img src=x onerror=alert(1)>',
      });
      const started = await t.call('POST', '/v1/sessions', { token: tok, locale: { explicit: 'de' } });
      const { sessionId, sessionKey } = started.body;
      const receipt = (await cancel(sessionId, { sessionKey })).body;
      const json = await send(receipt.url, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(200);
      expect(json.body).toEqual(receipt);
      expect(json.headers.get('cache-control')).toBe('private, no-store');

      const page = await send(receipt.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.text).toContain('<html lang="de"');
      expect(page.text).toContain('Kündigungsbestätigung');
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).not.toContain('<img src=x');
    });

    it('answers 404 for an unknown receipt id', async () => {
      const reply = await send(`${t.url}/v1/receipts/rcp_unknown`, { headers: { origin: ORIGIN } });
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
    });
  });
});

describe('a billing failure in the log', () => {
  it('names the site and the session (an unknown outcome is resolved by hand), never the receipt id', async () => {
    const lines: Record<string, unknown>[] = [];
    // The `hooked` site's billing endpoint is a closed port: every billing call fails.
    const t = await startTestServer({ log: (entry) => lines.push(entry) });
    try {
      const headers = { origin: 'https://hooked.example' };
      const saving = await openSession(t, { sub: 'cus_billing_down' }, 'hooked');
      const accept = { sessionKey: saving.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } };
      expect((await t.call('POST', `/v1/sessions/${saving.sessionId}/accept`, accept, headers)).status).toBe(502);
      const leaving = await openSession(t, { sub: 'cus_billing_down_2' }, 'hooked');
      const cancel = { sessionKey: leaving.sessionKey };
      expect((await t.call('POST', `/v1/sessions/${leaving.sessionId}/cancel`, cancel, headers)).status).toBe(502);
      const failures = lines.filter((line) => String(line.msg).startsWith('billing '));
      expect(failures.map(({ msg, site, session }) => ({ msg, site, session }))).toEqual([
        { msg: 'billing applyOffer failed', site: 'hooked', session: saving.sessionId },
        { msg: 'billing cancel failed', site: 'hooked', session: leaving.sessionId },
      ]);
      expect(JSON.stringify(lines)).not.toMatch(/rcp_/);
    } finally {
      await t.close();
    }
  });
});
