import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { BACKENDS } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { SECRETS, send, startTestServer, type TestServer, tempDir } from './helpers.ts';

/**
 * Verified Stripe events whose fields are not what the server reads: a time past what a Date holds,
 * a missing `items`, an object or a number where an id belongs, U+0000 in an id. They answered 500
 * (Stripe then retries for days), or were stored on SQLite and refused on Postgres, or stored as
 * `[object Object]` by one and as JSON by the other. Each is now a 400 naming the field, alike.
 */
const SECRET = 'whsec_shape_0123456789abcdef';
const objects = new StripeServer(); // only renders objects here; never listens
objects.addSubscription({ id: 'sub_shape', customer: 'cus_shape', price: 'price_basic' });

describe.each(BACKENDS)('a signed Stripe event of the wrong shape, on %s', (backend) => {
  const temp = tempDir();
  let t: TestServer;
  beforeAll(async () => {
    writeFileSync(join(temp.path, 'main.json'), JSON.stringify(mainFlow));
    const billing = {
      type: 'stripe',
      secretKey: STRIPE_KEY,
      webhookSecret: SECRET,
      prices: { starter: 'price_starter', basic: 'price_basic' },
      apiBase: 'http://127.0.0.1:9',
    };
    const sitesFile = join(temp.path, 'stripe-sites.json');
    const site = { id: 'acme', secret: SECRETS.acme, origins: ['https://a.example'], flow: 'main.json', billing };
    writeFileSync(sitesFile, JSON.stringify([site]));
    t = await startTestServer({ backend, dir: temp.path, sitesFile });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    temp.remove();
  });

  let counter = 0;
  /** A subscription update as Stripe sends it, changed by `edit`, signed and delivered. */
  const deliver = (edit: (event: Record<string, unknown>, subscription: Record<string, unknown>) => void) => {
    counter += 1;
    const subscription: Record<string, unknown> = { ...objects.subscriptionObject('sub_shape') };
    const event = {
      ...structuredClone(objects.exampleEvent()),
      id: `evt_shape${counter}`,
      type: 'customer.subscription.updated',
      created: 1_000,
      data: { object: subscription },
    };
    edit(event, subscription);
    const payload = JSON.stringify(event);
    return send(`${t.url}/v1/billing/stripe/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
      },
      body: payload,
    });
  };

  it('is refused with 400 naming the field, where it answered 500 or differed by database', async () => {
    const cases: [string, (e: Record<string, unknown>, s: Record<string, unknown>) => void, string][] = [
      ['created', (e) => (e.created = 1e13), 'created must be a time in Unix seconds, not 10000000000000'],
      [
        'trial_end',
        (_e, s) => (s.trial_end = 'NaN'),
        'data.object.trial_end must be a time in Unix seconds, not "NaN"',
      ],
      [
        'resumes_at',
        (_e, s) => (s.pause_collection = { behavior: 'void', resumes_at: 2 ** 53 }),
        'data.object.pause_collection.resumes_at must be a time in Unix seconds, not 9007199254740992',
      ],
      ['items', (_e, s) => delete s.items, 'data.object.items.data must be an array'],
      ['subscription id', (_e, s) => (s.id = { id: 'sub_x' }), 'data.object.id must be a string of 1–255 characters'],
      ['customer', (_e, s) => (s.customer = 5), 'data.object.customer must be a string of 1–255 characters'],
      ['event id', (e) => (e.id = 'evt_\u0000'), 'id contains a NUL character (U+0000)'],
      [
        'customer id',
        (_e, s) => (s.customer = 'cus_\ud800'),
        'data.object.customer contains an unpaired UTF-16 surrogate (U+D800), which is not a character',
      ],
    ];
    for (const [name, edit, message] of cases) {
      const reply = await deliver(edit);
      expect(reply.status, name).toBe(400);
      expect(reply.body.error.message, name).toBe(`the Stripe event's ${message}`);
    }
    // The well-formed event is still taken in.
    const fine = await deliver(() => {});
    expect(fine.status).toBe(200);
    expect(fine.body).toEqual({ received: true, outcome: 'applied' });
  });
});
