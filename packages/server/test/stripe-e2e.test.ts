import { addDays, addPeriod } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '../src/billing/stripe/client.ts';
import { STRIPE_KEY, type StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { BACKENDS } from './backends.ts';
import { ADMIN_KEY, browserPost, ORIGIN, send, token } from './helpers.ts';
import { linkIn, pressButton } from './mail-sites.ts';
import { killServers, type ServerProcess, spawnServer } from './process.ts';
import { type StripeSite, stripeSession, stripeSite, today } from './stripe-site.ts';

/**
 * The whole path: a real `cancelflow` server process whose site bills with the `stripe` plugin,
 * pointed at the Stripe-protocol test server. Sessions start with terms read from Stripe, accepts
 * and cancels change the Stripe subscription once, however the requests are repeated or fail.
 */
for (const backend of BACKENDS)
  describe(`the stripe plugin in a running server (${backend})`, () => {
    let site: StripeSite;
    let stripe: StripeServer;
    let server: ServerProcess;

    beforeAll(async () => {
      site = await stripeSite(backend, {
        webhookSecret: 'whsec_e2e_0123456789',
        sqliteFile: 'e2e.sqlite',
        // Mail kept in the outbox: the undo link is read from it (GET /v1/admin/mail).
        site: { mail: { type: 'outbox' } },
      });
      stripe = site.stripe;
      stripe.addCoupon('STAY30', { percent_off: 30 });
      server = await spawnServer({ ...site.env, CANCELFLOW_ADMIN_KEY: ADMIN_KEY });
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      killServers();
      await site?.close();
    });

    const post = browserPost(() => server.url, ORIGIN);

    let n = 0;
    /**
     * A Stripe subscription paid `paidDaysAgo` days ago (inside the flow's 14 days of full refund
     * unless said otherwise), and a session for it whose token says nothing of the period.
     */
    function start(reasonId: string, paidDaysAgo = 3) {
      n += 1;
      return stripeSession(stripe, server.url, `e2e${n}`, reasonId, paidDaysAgo);
    }

    it('starts a session with the period end and last payment read from Stripe', async () => {
      const s = await start('too_expensive');
      expect(s.subscriber).toMatchObject({
        periodEnd: addDays(today(), 27),
        lastPaymentOn: addDays(today(), -3),
        lastPaymentAmount: 49,
      });
    });

    it('Stripe unreachable as a session starts: it starts anyway, with the terms the token gives', async () => {
      const id = 'sub_e2e_down';
      stripe.addSubscription({ id, paid: { amount: 4900, on: addDays(today(), -3) } });
      // Twice: the SDK retries a 500 once by itself.
      stripe.fail('GET', new RegExp(`/v1/subscriptions/${id}$`), { kind: 'error500' });
      stripe.fail('GET', new RegExp(`/v1/subscriptions/${id}$`), { kind: 'error500' });
      const reply = await post('/v1/sessions', {
        token: await token({ sub: 'cus_e2e_down', sid: id, periodEnd: undefined }),
        locale: {},
      });
      expect(reply.status, reply.text).toBe(201);
      expect(reply.body.subscriber.periodEnd).toBeUndefined();
      expect(reply.body.subscriber.lastPaymentAmount).toBeUndefined();
    });

    it('20 identical accepts at once: the coupon is applied to the subscription once', async () => {
      const s = await start('too_expensive');
      const body = { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' };
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => post(`/v1/sessions/${s.sessionId}/accept`, body, 'accept-1')),
      );
      expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
      expect(new Set(replies.map((r) => r.text)).size).toBe(1);
      expect(stripe.mutationsFor(`accept:${s.sessionId}:`).map((m) => m.params.discounts)).toEqual([
        [{ coupon: 'STAY30' }],
      ]);
      expect((stripe.subscriptionObject(s.id).discounts as string[]).length).toBe(1);
    });

    it('a pause through the API: Stripe resumes collection on the day the answer names', async () => {
      const s = await start('not_using');
      const reply = await post(`/v1/sessions/${s.sessionId}/accept`, {
        sessionKey: s.sessionKey,
        offerId: 'pause',
        choice: { months: 2 },
      });
      expect(reply.status, reply.text).toBe(200);
      const resumesOn = addPeriod(today(), 2, 'month');
      expect(reply.body.result).toEqual({ resumesOn });
      expect(stripe.subscriptionObject(s.id).pause_collection).toEqual({
        behavior: 'void',
        resumes_at: Date.parse(resumesOn) / 1000,
      });
    });

    it('Stripe failing twice (the SDK retries once): 502, then the same request finishes it, once', async () => {
      const s = await start('missing');
      const path = new RegExp(`/v1/subscriptions/${s.id}$`);
      stripe.fail('POST', path, { kind: 'error500' });
      stripe.fail('POST', path, { kind: 'error500' });
      const body = { sessionKey: s.sessionKey, offerId: 'downgrade', choice: { planId: 'starter' } };
      const first = await post(`/v1/sessions/${s.sessionId}/accept`, body, 'plan-1');
      expect(first.status).toBe(502);
      // The outcome was unknown: another offer is refused until this one is finished (a cancel would be
      // confirmed: server.md).
      const other = await post(
        `/v1/sessions/${s.sessionId}/accept`,
        { ...body, choice: { planId: 'basic' } },
        'plan-2',
      );
      expect(other.status).toBe(409);
      const retry = await post(`/v1/sessions/${s.sessionId}/accept`, body, 'plan-1');
      expect(retry.status, retry.text).toBe(200);
      expect(retry.body.result).toEqual({ planId: 'starter' });
      expect(stripe.mutationsFor(`accept:${s.sessionId}:`)).toHaveLength(1);
      expect(stripe.mutationsFor(`cancel:${s.sessionId}:`)).toHaveLength(0);
    });

    it('a declined card refuses the accept and leaves the session open for a cancel', async () => {
      const s = await start('too_expensive');
      stripe.fail('POST', new RegExp(`/v1/subscriptions/${s.id}$`), { kind: 'card_declined' });
      const accept = await post(`/v1/sessions/${s.sessionId}/accept`, {
        sessionKey: s.sessionKey,
        offerId: 'discount_30',
      });
      expect(accept.status).toBe(502);
      const cancel = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(cancel.status, cancel.text).toBe(200);
      expect(stripe.mutationsFor(`accept:${s.sessionId}:`)).toHaveLength(0);
    });

    it('cancelled in the Dashboard while the flow is open: the offer is refused, not saved, and the cancel still gives a receipt', async () => {
      const s = await start('too_expensive');
      // What the Dashboard's "cancel at the end of the period" does, through the same API.
      const dashboard = stripeClient({
        type: 'stripe',
        secretKey: STRIPE_KEY,
        webhookSecret: 'x',
        prices: {},
        apiBase: stripe.url,
      });
      await dashboard.subscriptions.update(s.id, { cancel_at_period_end: true });
      const accept = await post(`/v1/sessions/${s.sessionId}/accept`, {
        sessionKey: s.sessionKey,
        offerId: 'discount_30',
        reasonId: 'too_expensive',
      });
      expect(accept.status, accept.text).toBe(502);
      expect(accept.body.error.message).toMatch(/nothing was changed/);
      expect(stripe.mutationsFor(`accept:${s.sessionId}:`)).toEqual([]);
      expect(stripe.subscriptionObject(s.id).discounts).toEqual([]);
      const cancel = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(cancel.status, cancel.text).toBe(200);
      expect(cancel.body.refund).toMatch(/\$49/);
      // Queued with the outcome, in the cancel's transaction: no "saved" mail for the refused offer.
      const mail = await send(`${server.url}/v1/admin/mail?siteId=acme&sub=cus_e2e${n}`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect((mail.body.mail as { kind: string }[]).map((m) => m.kind)).toEqual(['cancellation']);
    });

    it('ended now in the Dashboard while the flow is open: the receipt and its mail say access ended today, not at the period end', async () => {
      // Paid 20 days ago: past the 14 days of refund, so the mail would offer an undo until the period end.
      const s = await start('too_expensive', 20);
      const dashboard = stripeClient({
        type: 'stripe',
        secretKey: STRIPE_KEY,
        webhookSecret: 'x',
        prices: {},
        apiBase: stripe.url,
      });
      await dashboard.subscriptions.cancel(s.id);
      const cancel = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(cancel.status, cancel.text).toBe(200);
      expect(cancel.body.effectiveOn).toBe(today());
      // The same receipt again, and on its page.
      const again = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(again.body).toEqual(cancel.body);
      const page = await send(cancel.body.url, {});
      const long = (day: string) =>
        new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
      expect(page.text).toContain(`Access ends on ${long(today())}`);
      expect(page.text).not.toContain(long(addDays(today(), 10)));
      const text = await cancellationMail();
      expect(text).toContain(`Access ends on ${long(today())}`);
      expect(text).not.toContain(long(addDays(today(), 10)));
      // An ended subscription has nothing to undo.
      expect(text).not.toContain('/v1/mail/undo');
    });

    it('a cancel: at the period end Stripe has, refunded in full within 14 days, one receipt for many confirms', async () => {
      const s = await start('too_expensive');
      const replies = await Promise.all(
        Array.from({ length: 10 }, () => post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey })),
      );
      expect(new Set(replies.map((r) => r.status))).toEqual(new Set([200]));
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
      expect(replies[0]?.body.effectiveOn).toBe(addDays(today(), 27));
      expect(replies[0]?.body.refund).toMatch(/\$49/);
      expect(stripe.mutationsFor(`cancel:${s.sessionId}:`).map((m) => m.idempotencyKey)).toEqual([
        `cancel:${s.sessionId}:subscription`,
        `cancel:${s.sessionId}:refund`,
      ]);
      expect(stripe.subscriptionObject(s.id)).toMatchObject({ status: 'active', cancel_at_period_end: true });
      expect(stripe.refunds.filter((r) => r.payment_intent === `pi_e2e${n}`).map((r) => r.amount)).toEqual([4900]);
    });

    /** The text of the cancellation mail, once composed (kept in the outbox). */
    async function cancellationMail(): Promise<string> {
      const outbox = async () =>
        (
          await send(`${server.url}/v1/admin/mail?siteId=acme&sub=cus_e2e${n}`, {
            headers: { authorization: `Bearer ${ADMIN_KEY}` },
          })
        ).body.mail as { kind: string; text?: string }[];
      let mail = await outbox();
      for (let i = 0; i < 600 && !mail.some((m) => m.kind === 'cancellation' && m.text); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        mail = await outbox();
      }
      return mail.find((m) => m.kind === 'cancellation')?.text ?? '';
    }

    it("the confirmation mail's undo, pressed many times at once, clears the cancel in Stripe once", async () => {
      // Paid 20 days ago: past the 14 days of refund, so nothing went back and an undo is offered.
      const s = await start('too_expensive', 20);
      expect((await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey })).status).toBe(200);
      const undo = linkIn(await cancellationMail(), '/v1/mail/undo');
      const pressed = await Promise.all(Array.from({ length: 5 }, () => pressButton(undo)));
      expect(new Set(pressed.map((p) => p.status))).toEqual(new Set([200]));
      expect(stripe.subscriptionObject(s.id)).toMatchObject({ status: 'active', cancel_at_period_end: false });
      expect(stripe.mutationsFor(`reactivate:${s.sessionId}:`).map((m) => m.idempotencyKey)).toEqual([
        `reactivate:${s.sessionId}:subscription`,
      ]);
    });

    it('an undo Stripe refuses (the subscription ended there meanwhile) takes nothing back: the cancel still stands', async () => {
      const s = await start('too_expensive', 20);
      // A second tab, open before the first one cancels.
      const tab = (
        await post('/v1/sessions', { token: await token({ sub: s.sub, sid: s.id, periodEnd: undefined }), locale: {} })
      ).body as { sessionId: string; sessionKey: string };
      const first = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(first.status, first.text).toBe(200);
      const undo = linkIn(await cancellationMail(), '/v1/mail/undo');
      // Ended in Stripe's Dashboard before the subscriber pressed the undo: Stripe cannot bring it back.
      const dashboard = stripeClient({
        type: 'stripe',
        secretKey: STRIPE_KEY,
        webhookSecret: 'x',
        prices: {},
        apiBase: stripe.url,
      });
      await dashboard.subscriptions.cancel(s.id);
      const pressed = await pressButton(undo);
      expect(pressed.status, pressed.text).toBe(502);
      expect(stripe.mutationsFor(`reactivate:${s.sessionId}:`)).toEqual([]);
      // The cancel was not taken back, so the other tab's cancel is answered with its receipt, as
      // for any cancel of that subscription confirmed while the tab was open: no second receipt.
      const second = await post(`/v1/sessions/${tab.sessionId}/cancel`, { sessionKey: tab.sessionKey });
      expect(second.status, second.text).toBe(200);
      expect(second.body.id).toBe(first.body.id);
      expect(stripe.mutationsFor(`cancel:${tab.sessionId}:`)).toEqual([]);
    });

    it('a cancel that refunded the payment offers no undo: the subscriber would keep the refund and the period', async () => {
      const s = await start('too_expensive');
      const cancelled = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(cancelled.body.refund).toMatch(/\$49/);
      const text = await cancellationMail();
      expect(text).toContain(cancelled.body.id);
      expect(text).not.toContain('/v1/mail/undo');
      expect(stripe.refunds.filter((r) => r.payment_intent === `pi_e2e${n}`).map((r) => r.amount)).toEqual([4900]);
    });

    it('two sessions of one subscriber confirming a cancel at once: one refund of the payment, not two', async () => {
      const first = await start('too_expensive');
      const token2 = await token({ sub: `cus_e2e${n}`, sid: first.id, periodEnd: undefined });
      const second = (await post('/v1/sessions', { token: token2, locale: {} })).body;
      const [a, b] = await Promise.all(
        [first, second].map((s) => post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey })),
      );
      // One is applied; the other waits for it (409 in_progress) or, applied after it, pays nothing more.
      expect([a?.status, b?.status]).toContain(200);
      for (const [reply, s] of [
        [a, first],
        [b, second],
      ] as const) {
        if (reply?.status === 409) {
          expect(reply.body.error.code).toBe('in_progress');
          const again = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
          expect(again.status, again.text).toBe(200);
        }
      }
      expect(stripe.refunds.filter((r) => r.payment_intent === `pi_e2e${n}`).map((r) => r.amount)).toEqual([4900]);
    });
  });
