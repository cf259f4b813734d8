import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { StripeBillingConfig } from '../../../config/sites.ts';
import { example } from './examples.ts';
import { STRIPE_KEY, StripeServer } from './server.ts';
import type { SubscriptionSeed } from './state.ts';

export interface SimulatedStripe {
  /** The sites file's `billing` entry for a site billed by this simulated account. */
  readonly billing: StripeBillingConfig;
  /** A coupon the account already has (one a flow's discount offer names). */
  addCoupon(id: string, fields: Record<string, unknown>): void;
  /** Puts a subscription (back) into the account: active, as seeded. */
  seed(subscription: SubscriptionSeed): void;
  /** From now on, every change is sent to the server as a signed Stripe event (and the state so far at once). */
  forwardTo(webhookUrl: string): void;
  close(): Promise<void>;
}

/**
 * A simulated Stripe account on loopback for `cancelflow demo --billing stripe-sim` (docs/billing.md):
 * the real `stripe` plugin calls it through the official SDK, and like Stripe it sends a signed
 * `customer.subscription.*` event for each subscription a call changed, to the server's
 * `/v1/billing/stripe/webhook`. Never for production: it is a test double with Stripe's protocol.
 */
export async function startSimulatedStripe(
  prices: Readonly<Record<string, string>>,
  port = 0,
): Promise<SimulatedStripe> {
  const server = new StripeServer();
  await server.up(port);
  for (const price of Object.values(prices)) server.addPrice(price);
  const webhookSecret = `whsec_${randomBytes(24).toString('base64url')}`;
  const sent = new Map<string, string>();
  let target: string | undefined;
  let queue = Promise.resolve();

  /** Sends an event for each subscription whose state differs from the one last sent, in order. */
  const sync = () => {
    const url = target;
    if (!url) return;
    for (const id of server.subscriptions.keys()) {
      const object = server.subscriptionObject(id);
      const state = JSON.stringify(object);
      const before = sent.get(id);
      if (before === state) continue;
      sent.set(id, state);
      const type =
        before === undefined
          ? 'customer.subscription.created'
          : object.status === 'canceled'
            ? 'customer.subscription.deleted'
            : 'customer.subscription.updated';
      const event = {
        ...example('event'),
        id: `evt_sim_${randomBytes(8).toString('hex')}`,
        type,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: { object },
      };
      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      queue = queue.then(() => deliver(url, payload, signature, () => target === undefined));
    }
  };
  server.onChange = sync;

  return {
    billing: { type: 'stripe', secretKey: STRIPE_KEY, webhookSecret, prices, apiBase: server.url },
    addCoupon: (id, fields) => server.addCoupon(id, fields),
    seed(subscription) {
      server.addSubscription(subscription);
      sent.delete(subscription.id);
      sync();
    },
    forwardTo(webhookUrl) {
      target = webhookUrl;
      sync();
    },
    async close() {
      target = undefined;
      await queue;
      await server.down();
    },
  };
}

/**
 * One delivery, retried a few times as Stripe would (the server may still be starting), until
 * `stopped` (closing: the server may be gone, and a Ctrl-C must not wait out the retries).
 */
async function deliver(url: string, payload: string, signature: string, stopped: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 5 && !stopped(); attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });
      if (response.ok) return;
    } catch {
      // Not reachable yet: try again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
  }
}
