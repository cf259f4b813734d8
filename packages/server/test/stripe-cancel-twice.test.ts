import { addDays } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { BACKENDS } from './backends.ts';
import { ADMIN_KEY, browserPost, ORIGIN, type Reply, send, token, WEBHOOK_SECRET } from './helpers.ts';
import { linkIn, pressButton } from './mail-sites.ts';
import { killServers, type ServerProcess, spawnServer } from './process.ts';
import { Receiver } from './receiver.ts';
import { type StripeSite, stripeSite, today } from './stripe-site.ts';

/**
 * One subscription cancelled from two sessions (two tabs opened while it was active). Each cancel used
 * to go to billing and get a receipt and a mail saying "You will be refunded $49.", though Stripe
 * refunded once (the plugin pays back a payment once), and two `subscription.cancelled` webhooks went
 * out. The second cancel now answers the first one's receipt — the same terms, the same reference —
 * and billing, the mail and `subscription.cancelled` hear of it once.
 */

for (const backend of BACKENDS)
  describe(`one subscription cancelled from two sessions (${backend})`, () => {
    const hooks = new Receiver();
    let site: StripeSite;
    let stripe: StripeServer;
    let server: ServerProcess;

    beforeAll(async () => {
      await hooks.up();
      site = await stripeSite(backend, {
        webhookSecret: 'whsec_twice_0123456789',
        sqliteFile: 'twice.sqlite',
        site: { mail: { type: 'outbox' }, webhooks: { url: hooks.url, secret: WEBHOOK_SECRET } },
      });
      stripe = site.stripe;
      stripe.addCoupon('STAY30', { percent_off: 30 });
      server = await spawnServer({ ...site.env, CANCELFLOW_ADMIN_KEY: ADMIN_KEY });
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      killServers();
      await site?.close();
      await hooks.down();
    });

    const post = browserPost(() => server.url, ORIGIN);

    /** As the widget's http adapter does: a 409 with Retry-After is asked again until the final answer. */
    async function settled(path: string, body: unknown, key: string): Promise<Reply> {
      for (let i = 0; ; i++) {
        const reply = await post(path, body, key);
        if (!(reply.status === 409 && reply.headers.get('retry-after')) || i > 600) return reply;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    let n = 0;
    /** A subscription paid $49 (three days ago: inside the flow's 14 days of full refund), and two sessions for it. */
    async function twoTabs(paidDaysAgo = 3, claims: Record<string, unknown> = {}) {
      n += 1;
      const id = `sub_r${n}`;
      const sub = `cus_r${n}`;
      const paid = { amount: 4900, on: addDays(today(), -paidDaysAgo) };
      stripe.addSubscription({ id, paid, periodEnd: addDays(today(), 30 - paidDaysAgo) });
      const open = async () => {
        const reply = await post('/v1/sessions', {
          token: await token({ sub, sid: id, periodEnd: undefined, email: `r${n}@example.com`, ...claims }),
          locale: {},
        });
        expect(reply.status, reply.text).toBe(201);
        return reply.body as { sessionId: string; sessionKey: string };
      };
      return { id, sub, open, tabs: [await open(), await open()] as const };
    }

    const cancel = (s: { sessionId: string; sessionKey: string }, key: string) =>
      settled(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey, reasonId: 'too_expensive' }, key);

    /** What the server stored for the subscriber: sessions, receipts, queued webhooks and mail. */
    async function stored(sub: string) {
      const reply = await send(`${server.url}/v1/admin/subscribers/${sub}/export?siteId=acme`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect(reply.status, reply.text).toBe(200);
      const body = reply.body as {
        sessions: { id: string; status: string }[];
        cancellations: { id: string }[];
        webhooks: { type: string; body: { data: { sessionId: string; status?: string } } }[];
        mail: { kind: string }[];
      };
      return {
        statuses: body.sessions.map((s) => s.status),
        receipts: body.cancellations.map((c) => c.id),
        webhooks: body.webhooks
          .map((w) => `${w.type} ${w.body.data.sessionId}${w.body.data.status ? ` ${w.body.data.status}` : ''}`)
          .sort(),
        mail: body.mail.map((m) => m.kind),
      };
    }

    function expectOneCancel({ sub, tabs: [a, b] }: Awaited<ReturnType<typeof twoTabs>>, first: Reply, second: Reply) {
      expect(first.status, first.text).toBe(200);
      expect(first.body.refund).toMatch(/refunded \$49/);
      // The truth: cancelled already, on the first receipt's terms, under its reference.
      expect(second.status, second.text).toBe(200);
      expect(second.text).toBe(first.text);
      expect(stripe.refunds.filter((r) => r.payment_intent === `pi_r${n}`).map((r) => r.amount)).toEqual([4900]);
      expect(stripe.mutationsFor(`cancel:${b.sessionId}:`)).toEqual([]);
      return stored(sub).then((s) => {
        expect(s.statuses).toEqual(['cancelled', 'cancelled']);
        expect(s.receipts).toEqual([first.body.id]);
        expect(s.mail).toEqual(['cancellation']);
        expect(s.webhooks).toEqual(
          [
            `session.completed ${a.sessionId} cancelled`,
            `session.completed ${b.sessionId} cancelled`,
            `subscription.cancelled ${a.sessionId}`,
          ].sort(),
        );
      });
    }

    it('cancelled in one tab, then in the other: the second answers the first receipt, refunded and mailed once', async () => {
      const s = await twoTabs();
      const [a, b] = s.tabs;
      const first = await cancel(a, 'tab-1');
      const second = await cancel(b, 'tab-2');
      await expectOneCancel(s, first, second);
      // Asked again, the second tab gets the same answer; the receipt page is the first one's.
      expect((await cancel(b, 'tab-2-again')).text).toBe(first.text);
      const page = await send(`${server.url}/v1/receipts/${first.body.id}`, {});
      expect(page.status).toBe(200);
    }, 60_000);

    it('both tabs at once while Stripe holds its answer: the second waits (409 in_progress), then answers the first receipt', async () => {
      const s = await twoTabs();
      const [a, b] = s.tabs;
      const held = stripe.hold('POST', new RegExp(`/v1/subscriptions/${s.id}$`));
      const first = cancel(a, 'tab-1');
      await held.arrived;
      const waiting = await post(`/v1/sessions/${b.sessionId}/cancel`, { sessionKey: b.sessionKey }, 'tab-2');
      expect(waiting.status, waiting.text).toBe(409);
      expect(waiting.body.error.code).toBe('in_progress');
      held.release();
      const [one, two] = [await first, await cancel(b, 'tab-2')];
      await expectOneCancel(s, one, two);
    }, 60_000);

    it('an offer taken in one tab, then cancelled in the other, then in the first: its save is undone, the first receipt answered', async () => {
      const s = await twoTabs();
      const [a, b] = s.tabs;
      const body = { sessionKey: b.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' };
      expect((await post(`/v1/sessions/${b.sessionId}/accept`, body, 'offer')).status).toBe(200);
      const first = await cancel(a, 'tab-1');
      const second = await cancel(b, 'tab-2');
      expect(second.text).toBe(first.text);
      expect(stripe.mutationsFor(`cancel:${b.sessionId}:`)).toEqual([]);
      const reply = await send(`${server.url}/v1/admin/subscribers/${s.sub}/export?siteId=acme`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      const { sessions, offersAccepted, saves, mail } = reply.body;
      expect(sessions.map((x: { status: string }) => x.status)).toEqual(['cancelled', 'cancelled']);
      expect(offersAccepted.map((o: { stage: string }) => o.stage)).toEqual(['cancelled_after']);
      expect(saves).toEqual([]);
      expect(mail.filter((m: { kind: string }) => m.kind === 'cancellation')).toHaveLength(1);
    }, 60_000);

    it("a cancel taken back (the mail's undo) no longer stands: the other tab's cancel goes to Stripe, with its own receipt", async () => {
      // Paid 20 days ago: past the 14 days of refund, so nothing went back and the mail offers an undo.
      const s = await twoTabs(20);
      const [a, b] = s.tabs;
      const first = await cancel(a, 'tab-1');
      expect(first.status, first.text).toBe(200);
      const outbox = async () =>
        (
          await send(`${server.url}/v1/admin/mail?siteId=acme&sub=${s.sub}`, {
            headers: { authorization: `Bearer ${ADMIN_KEY}` },
          })
        ).body.mail as { kind: string; text?: string }[];
      let mail = await outbox();
      for (let i = 0; i < 600 && !mail.some((m) => m.kind === 'cancellation' && m.text); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        mail = await outbox();
      }
      const undo = linkIn(mail.find((m) => m.kind === 'cancellation')?.text ?? '', '/v1/mail/undo');
      expect((await pressButton(undo)).status).toBe(200);
      expect(stripe.subscriptionObject(s.id)).toMatchObject({ status: 'active', cancel_at_period_end: false });
      const second = await cancel(b, 'tab-2');
      expect(second.status, second.text).toBe(200);
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.body.sessionId).toBe(b.sessionId);
      expect(stripe.mutationsFor(`cancel:${b.sessionId}:`).map((m) => m.idempotencyKey)).toEqual([
        `cancel:${b.sessionId}:subscription`,
      ]);
      expect(stripe.subscriptionObject(s.id)).toMatchObject({ cancel_at_period_end: true });
    }, 60_000);

    it('a session opened after the subscription was cancelled and refunded: it goes to Stripe, and its receipt and mail say the payment was refunded already, not "refunded $49" again', async () => {
      const s = await twoTabs();
      const first = await cancel(s.tabs[0], 'tab-1');
      expect(first.body.refund).toMatch(/refunded \$49/);
      // Opened after that cancel: the site may have resumed the subscription in Stripe without telling
      // the server, so this cancel is not answered with the first receipt; it goes to billing.
      const later = await s.open();
      const second = await cancel(later, 'later');
      expect(second.status, second.text).toBe(200);
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.body.refund).toBe('Your last payment had already been refunded; nothing more is refunded.');
      expect(stripe.refunds.filter((r) => r.payment_intent === `pi_r${n}`).map((r) => r.amount)).toEqual([4900]);
      const mailText = async () => {
        const reply = await send(`${server.url}/v1/admin/mail?siteId=acme&sub=${s.sub}`, {
          headers: { authorization: `Bearer ${ADMIN_KEY}` },
        });
        const mail = reply.body.mail as { kind: string; text?: string; sessionId?: string }[];
        return mail.filter((m) => m.kind === 'cancellation').map((m) => m.text ?? '');
      };
      let texts = await mailText();
      for (let i = 0; i < 600 && !(texts.length === 2 && texts.every(Boolean)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        texts = await mailText();
      }
      expect(texts.filter((t) => t.includes('already been refunded'))).toHaveLength(1);
      expect(texts.filter((t) => /refunded \$49/.test(t))).toHaveLength(1);
      // Asked again (its answer lost), the same receipt: what went back is read the same way.
      expect((await cancel(later, 'later-again')).text).toBe(second.text);
    }, 60_000);

    it('a withdrawal asks for more than a cancel: after one in the other tab it goes to Stripe; a cancel after it answers its receipt', async () => {
      const eu = { country: 'DE', since: addDays(today(), -3) };
      const s = await twoTabs(3, eu);
      const [a, b] = s.tabs;
      const cancelled = await cancel(a, 'tab-1');
      expect(cancelled.status, cancelled.text).toBe(200);
      const withdraw = { sessionKey: b.sessionKey, reasonId: 'too_expensive', withdraw: true };
      const withdrawn = await settled(`/v1/sessions/${b.sessionId}/cancel`, withdraw, 'tab-2');
      expect(withdrawn.status, withdrawn.text).toBe(200);
      expect(withdrawn.body).toMatchObject({ sessionId: b.sessionId, withdrawal: true });
      expect(stripe.subscriptionObject(s.id)).toMatchObject({ status: 'canceled' });
      // The payment went back once, by the first cancel: the withdrawal had nothing left to pay.
      expect(stripe.refunds.filter((r) => r.payment_intent === `pi_r${n}`).map((r) => r.amount)).toEqual([4900]);

      const other = await twoTabs(3, eu);
      const [c, d] = other.tabs;
      const first = await settled(
        `/v1/sessions/${c.sessionId}/cancel`,
        { sessionKey: c.sessionKey, withdraw: true },
        'tab-1',
      );
      expect(first.body.withdrawal).toBe(true);
      expect((await cancel(d, 'tab-2')).text).toBe(first.text);
      expect(stripe.mutationsFor(`cancel:${d.sessionId}:`)).toEqual([]);
    }, 60_000);
  });
