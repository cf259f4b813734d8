import type { Hono } from 'hono';
import Stripe from 'stripe';
import { recordRejection } from '../../audit.ts';
import type { SiteConfig, StripeBillingConfig } from '../../config/sites.ts';
import type { AppDeps } from '../../deps.ts';
import { HttpError } from '../../http/errors.ts';
import { stripeEventProblem } from './event-shape.ts';
import { takeStripeEvent } from './events.ts';

export const STRIPE_WEBHOOK_PATH = '/v1/billing/stripe/webhook';

type StripeSite = SiteConfig & { readonly billing: StripeBillingConfig };

/**
 * `POST /v1/billing/stripe/webhook`: Stripe's events about the sites' subscriptions (docs/billing.md).
 * The signature is checked over the raw body with each Stripe site's webhook secret in turn (the
 * secret that verifies names the site) with Stripe's 5-minute tolerance; anything else is a 400,
 * recorded in `audit`. A verified event is answered 200 once stored, also when it is a replay or of
 * a type the server does not track, so Stripe stops retrying it.
 */
export function stripeWebhookRoutes(app: Hono, deps: AppDeps): void {
  const sites = deps.sites.sites.filter((s): s is StripeSite => s.billing.type === 'stripe');
  if (sites.length === 0) return;
  app.post(STRIPE_WEBHOOK_PATH, async (c) => {
    const body = await c.req.text();
    const header = c.req.header('stripe-signature') ?? '';
    const now = deps.now();
    const verified = verify(sites, body, header, now);
    if (!verified) {
      const error = new HttpError('bad_request', 'the Stripe-Signature does not verify for any site');
      await recordRejection(deps.db, deps.log, now, error, { route: STRIPE_WEBHOOK_PATH, detail: 'stripe_signature' });
      throw error;
    }
    const { site, event } = verified;
    const problem = stripeEventProblem(event);
    if (problem) {
      const error = new HttpError('bad_request', `the Stripe event's ${problem}`);
      await recordRejection(deps.db, deps.log, now, error, {
        route: STRIPE_WEBHOOK_PATH,
        siteId: site.id,
        detail: 'stripe_event',
      });
      throw error;
    }
    const outcome = await takeStripeEvent(deps.db, site.id, site.billing, event, now);
    return c.json({ received: true, outcome });
  });
}

function verify(sites: readonly StripeSite[], body: string, header: string, now: Date) {
  for (const site of sites) {
    try {
      const event = Stripe.webhooks.constructEvent(
        body,
        header,
        site.billing.webhookSecret,
        undefined, // Stripe's default tolerance: 300 s
        undefined,
        now.getTime(), // milliseconds: the SDK divides by 1000
      );
      return { site, event };
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    }
  }
  return undefined;
}
