import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import type { Db } from '../src/db/connect.ts';
import { openDatabase } from '../src/index.ts';
import { recordSave } from '../src/saves/record.ts';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { type Reply, SECRETS, send, startTestServer, type TestServer, tempDir } from './helpers.ts';

/**
 * Stripe's webhooks into a running server: signatures checked with the SDK, replays and
 * out-of-order deliveries, and the server's view of each subscription kept in `subscriptions`.
 * Events are Stripe's example event wrapped around subscriptions and invoices as the Stripe test
 * server renders them.
 */
const SECRET = 'whsec_acme_0123456789abcdef';
const OTHER_SECRET = 'whsec_other_0123456789abcdef';
const PATH = '/v1/billing/stripe/webhook';

const objects = new StripeServer(); // only renders objects here; never listens
objects.addSubscription({ id: 'sub_w1', customer: 'cus_w1', price: 'price_basic' });
objects.addSubscription({ id: 'sub_w2', customer: 'cus_w2' });
objects.addSubscription({ id: 'sub_w4', customer: 'cus_w4' });

let counter = 0;
/** A Stripe event (the example event object) about `object`, created at `created` (Unix seconds). */
function stripeEvent(type: string, object: Record<string, unknown>, created: number, id?: string) {
  counter += 1;
  const example = structuredClone(objects.exampleEvent());
  return { ...example, id: id ?? `evt_w${counter}`, type, created, data: { object } };
}

function subscription(id: string, change: Record<string, unknown> = {}) {
  return { ...objects.subscriptionObject(id), ...change };
}

const invoice = (subscriptionId: string) => ({
  id: `in_${subscriptionId}`,
  object: 'invoice',
  customer: subscriptionId.replace('sub_', 'cus_'),
  parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId } },
});

for (const backend of BACKENDS) {
  describe(`Stripe webhooks (${backend})`, () => {
    const temp = tempDir();
    let t: TestServer;
    let db: Db;

    beforeAll(async () => {
      writeFileSync(join(temp.path, 'main.json'), JSON.stringify(mainFlow));
      const stripeSite = (id: string, webhookSecret: string) => ({
        id,
        secret: SECRETS.acme,
        origins: ['https://a.example'],
        flow: 'main.json',
        billing: {
          type: 'stripe',
          secretKey: STRIPE_KEY,
          webhookSecret,
          prices: { starter: 'price_starter', basic: 'price_basic' },
          apiBase: 'http://127.0.0.1:9',
        },
      });
      const sitesFile = join(temp.path, 'stripe-sites.json'); // writeSites() owns sites.json
      writeFileSync(sitesFile, JSON.stringify([stripeSite('acme', SECRET), stripeSite('other', OTHER_SECRET)]));
      t = await startTestServer({ backend, dir: temp.path, sitesFile });
      db = await openDatabase(t.dbFile);
    }, 60_000);

    afterAll(async () => {
      await db?.close();
      await t?.close();
      temp.remove();
    });

    const deliver = (event: unknown, options: { secret?: string; header?: string; timestamp?: number } = {}) => {
      const payload = JSON.stringify(event);
      const header =
        options.header ??
        Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? SECRET,
          ...(options.timestamp !== undefined && { timestamp: options.timestamp }),
        });
      return send(`${t.url}${PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
        body: payload,
      });
    };
    const row = (subscriptionId: string, site = 'acme') =>
      db.kysely
        .selectFrom('subscriptions')
        .selectAll()
        .where('site_id', '=', site)
        .where('subscription_id', '=', subscriptionId)
        .executeTakeFirst();
    const outcome = (reply: Reply) => {
      expect(reply.status, reply.text).toBe(200);
      return reply.body.outcome;
    };

    it('a signed subscription update is taken in: paused until the day Stripe resumes', async () => {
      const resumes = Date.parse('2027-02-01') / 1000;
      const paused = subscription('sub_w1', { pause_collection: { behavior: 'void', resumes_at: resumes } });
      expect(outcome(await deliver(stripeEvent('customer.subscription.updated', paused, 1_000)))).toBe('applied');
      expect(await row('sub_w1')).toMatchObject({
        subscriber_id: 'cus_w1',
        plan: 'basic',
        status: 'paused',
        paused_until: '2027-02-01',
        billing_event_at: new Date(1_000_000).toISOString(),
      });
    });

    it('bad signatures are refused with 400, recorded, and change nothing', async () => {
      const event = stripeEvent('customer.subscription.deleted', subscription('sub_w2', { status: 'canceled' }), 2_000);
      const wrongSecret = await deliver(event, { secret: 'whsec_not_ours_0123456789' });
      const missing = await deliver(event, { header: '' });
      const tampered = await send(`${t.url}${PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({
            payload: JSON.stringify(event),
            secret: SECRET,
          }),
        },
        body: JSON.stringify({ ...event, type: 'customer.subscription.updated' }),
      });
      // Stripe's tolerance is 5 minutes: an old signed delivery is a replay from outside.
      const stale = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
      for (const reply of [wrongSecret, missing, tampered, stale]) {
        expect(reply.status).toBe(400);
        expect(reply.body.error.code).toBe('bad_request');
      }
      expect(await row('sub_w2')).toBeUndefined();
      const audit = await db.kysely.selectFrom('audit').selectAll().where('route', '=', PATH).execute();
      // Refusals nothing verified, of one minute and answer, share a row and its count (audit.ts).
      expect(audit.flatMap((a) => Array(a.count).fill([a.status, a.detail]))).toEqual(
        Array(4).fill([400, 'stripe_signature']),
      );
    });

    it('the secret that verifies names the site', async () => {
      const event = stripeEvent('customer.subscription.updated', subscription('sub_w2'), 2_500);
      expect(outcome(await deliver(event, { secret: OTHER_SECRET }))).toBe('applied');
      expect(await row('sub_w2', 'other')).toMatchObject({ status: 'active' });
      expect(await row('sub_w2', 'acme')).toBeUndefined();
    });

    it('a replay (the same event id again) changes nothing, even after a later event', async () => {
      const cancelling = stripeEvent(
        'customer.subscription.updated',
        subscription('sub_w1', { cancel_at_period_end: true }),
        3_000,
      );
      expect(outcome(await deliver(cancelling))).toBe('applied');
      expect((await row('sub_w1'))?.status).toBe('cancelling');
      const resumed = stripeEvent('customer.subscription.updated', subscription('sub_w1'), 4_000);
      expect(outcome(await deliver(resumed))).toBe('applied');
      expect(outcome(await deliver(cancelling))).toBe('duplicate');
      expect(await row('sub_w1')).toMatchObject({
        status: 'active',
        billing_event_at: new Date(4_000_000).toISOString(),
      });
    });

    it('out of order: an older event arriving after a newer one does not overwrite it', async () => {
      const ended = Date.parse('2026-11-30') / 1000;
      const deleted = stripeEvent(
        'customer.subscription.deleted',
        subscription('sub_w1', { status: 'canceled', ended_at: ended, canceled_at: ended }),
        6_000,
      );
      const olderUpdate = stripeEvent('customer.subscription.updated', subscription('sub_w1'), 5_000);
      expect(outcome(await deliver(deleted))).toBe('applied');
      expect(outcome(await deliver(olderUpdate))).toBe('stale');
      expect(await row('sub_w1')).toMatchObject({ status: 'cancelled', cancel_at: '2026-11-30' });
    });

    it('in the same second: an update arriving after the deletion does not bring the subscription back', async () => {
      const ended = Date.parse('2026-11-30') / 1000;
      const deleted = stripeEvent(
        'customer.subscription.deleted',
        subscription('sub_w4', { status: 'canceled', ended_at: ended, canceled_at: ended }),
        6_500,
      );
      const sameSecond = stripeEvent('customer.subscription.updated', subscription('sub_w4'), 6_500);
      expect(outcome(await deliver(deleted))).toBe('applied');
      expect(outcome(await deliver(sameSecond))).toBe('stale');
      expect(await row('sub_w4')).toMatchObject({ status: 'cancelled' });
    });

    it('payments: failed and paid move forward only, so their order does not matter', async () => {
      const failed = stripeEvent('invoice.payment_failed', invoice('sub_w3'), 8_000);
      const paidBefore = stripeEvent('invoice.paid', invoice('sub_w3'), 7_000);
      expect(outcome(await deliver(failed))).toBe('applied');
      expect(outcome(await deliver(paidBefore))).toBe('applied');
      const failing = await row('sub_w3');
      expect(failing).toMatchObject({ subscriber_id: 'cus_w3', payment_failed_at: new Date(8_000_000).toISOString() });
      expect(failing?.last_paid_at).toBe(new Date(7_000_000).toISOString());
      // A past-due subscription update arriving later sets its state, keeping the payment history.
      const pastDue = stripeEvent(
        'customer.subscription.updated',
        { ...subscription('sub_w2'), id: 'sub_w3', status: 'past_due' },
        8_100,
      );
      expect(outcome(await deliver(pastDue))).toBe('applied');
      expect(await row('sub_w3')).toMatchObject({
        status: 'past_due',
        payment_failed_at: new Date(8_000_000).toISOString(),
      });
      const paid = stripeEvent('invoice.paid', invoice('sub_w3'), 9_000);
      expect(outcome(await deliver(paid))).toBe('applied');
      expect((await row('sub_w3'))?.last_paid_at).toBe(new Date(9_000_000).toISOString());
    });

    it('an invoice in an older API version (the subscription on the invoice itself) is understood', async () => {
      const { parent: _parent, ...legacy } = { ...invoice('sub_w4'), subscription: 'sub_w4' };
      expect(outcome(await deliver(stripeEvent('invoice.payment_failed', legacy, 11_000)))).toBe('applied');
      expect((await row('sub_w4'))?.payment_failed_at).toBe(new Date(11_000_000).toISOString());
    });

    it('a save of the subscription is verified by its events, in event order whatever the delivery order', async () => {
      const saved = Math.floor(Date.now() / 1000);
      await recordSave(db.kysely, {
        sessionId: 'ses_stripe_save',
        siteId: 'acme',
        flowId: 'acme-main',
        claims: { sub: 'cus_w5', sid: 'sub_w5' },
        offerId: 'discount_30',
        currency: 'USD',
        mrr: 49,
        createdDay: '2026-01-05',
        createdWeek: '2026-01-05',
        afterDays: 30,
        now: new Date(saved * 1000),
      });
      const paying = async () =>
        (
          await db.kysely
            .selectFrom('saves')
            .select('paying')
            .where('session_id', '=', 'ses_stripe_save')
            .executeTakeFirst()
        )?.paying;
      const w5 = (change: Record<string, unknown>) => ({
        ...subscription('sub_w2'),
        id: 'sub_w5',
        customer: 'cus_w5',
        ...change,
      });
      const failed = stripeEvent('invoice.payment_failed', { ...invoice('sub_w5') }, saved + 100);
      expect(outcome(await deliver(failed))).toBe('applied');
      expect(await paying()).toBe(0);
      // Paid again: paying. Then deleted; an update made before the deletion arrives after it.
      const pastDue = stripeEvent('customer.subscription.updated', w5({ status: 'past_due' }), saved + 150);
      expect(outcome(await deliver(pastDue))).toBe('applied');
      expect(outcome(await deliver(stripeEvent('invoice.paid', invoice('sub_w5'), saved + 200)))).toBe('applied');
      expect(await paying()).toBe(1);
      const deleted = stripeEvent('customer.subscription.deleted', w5({ status: 'canceled' }), saved + 300);
      const resumedBefore = stripeEvent('customer.subscription.updated', w5({ status: 'active' }), saved + 250);
      expect(outcome(await deliver(deleted))).toBe('applied');
      expect(outcome(await deliver(resumedBefore))).toBe('stale');
      expect(await paying()).toBe(0);
      // A replay of the resume changes nothing either.
      expect(outcome(await deliver(resumedBefore))).toBe('duplicate');
      const changes = await db.kysely
        .selectFrom('billing_status_changes')
        .select(['status', 'source'])
        .where('subscription_id', '=', 'sub_w5')
        .orderBy('at')
        .execute();
      expect(changes.map((c) => c.status)).toEqual(['past_due', 'past_due', 'active', 'active', 'cancelled']);
      expect(new Set(changes.map((c) => c.source))).toEqual(new Set(['stripe']));
    });

    it('events the server does not track are acknowledged and ignored', async () => {
      expect(outcome(await deliver(stripeEvent('price.created', { id: 'price_x', object: 'price' }, 10_000)))).toBe(
        'ignored',
      );
    });
  });
}
