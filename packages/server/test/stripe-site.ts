import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, utcDay } from '@cancelflow/core';
import { expect } from 'vitest';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { type Backend, createPgDatabase } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { browserPost, event, ORIGIN, SECRETS, tempDir, token } from './helpers.ts';

/**
 * What the tests of a server process billing with the `stripe` plugin share (stripe-e2e,
 * stripe-write-fails, stripe-crash): the Stripe simulator with the main flow's prices, a sites file
 * whose site `acme` (at `ORIGIN`) bills there, a fresh database, and a subscriber's session opened
 * on a Stripe subscription with a reason chosen.
 */

/** The day in UTC, as the server and the simulator count periods. */
export const today = () => utcDay(new Date());

export interface StripeSiteOptions {
  /** The site's Stripe webhook signing secret. */
  readonly webhookSecret: string;
  /** The name of the SQLite file in the temp folder (the `postgres` backend gets a fresh database). */
  readonly sqliteFile: string;
  /** Fields of the site besides its billing: `mail`, `webhooks`. */
  readonly site?: Record<string, unknown>;
}

export interface StripeSite {
  readonly stripe: StripeServer;
  /** The SQLite file, or the Postgres database's URL. */
  readonly dbUrl: string;
  /** What `spawnServer` needs for this site; a test adds its own settings. */
  readonly env: { CANCELFLOW_DB: string; CANCELFLOW_SITES: string; TEST_STRIPE_SECRET_KEY: string };
  /** Stops the simulator, drops the Postgres database, removes the temp folder (after the servers stopped). */
  close(): Promise<void>;
}

/** Starts the Stripe simulator (prices `price_starter` and `price_basic`) and writes the site's files. */
export async function stripeSite(backend: Backend, options: StripeSiteOptions): Promise<StripeSite> {
  const temp = tempDir();
  const stripe = new StripeServer();
  await stripe.up();
  stripe.addPrice('price_starter');
  stripe.addPrice('price_basic');
  writeFileSync(join(temp.path, 'main.json'), JSON.stringify(mainFlow));
  const billing = {
    type: 'stripe',
    secretKey: 'env:TEST_STRIPE_SECRET_KEY',
    webhookSecret: options.webhookSecret,
    prices: { starter: 'price_starter', basic: 'price_basic' },
    apiBase: stripe.url,
  };
  const site = { id: 'acme', secret: SECRETS.acme, origins: [ORIGIN], flow: 'main.json', billing, ...options.site };
  const sitesFile = join(temp.path, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify([site]));
  const database = backend === 'postgres' ? await createPgDatabase() : undefined;
  const dbUrl = database?.url ?? join(temp.path, options.sqliteFile);
  return {
    stripe,
    dbUrl,
    env: { CANCELFLOW_DB: dbUrl, CANCELFLOW_SITES: sitesFile, TEST_STRIPE_SECRET_KEY: STRIPE_KEY },
    async close() {
      await database?.drop();
      await stripe.down();
      temp.remove();
    },
  };
}

/**
 * A subscription `sub_<name>` of customer `cus_<name>` in Stripe, last paid (49.00, payment
 * `pi_<name>`) `paidDaysAgo` days ago in a 30-day period, and a session for it whose token says
 * nothing of the period (the server reads it from Stripe), with `reasonId` chosen.
 */
export async function stripeSession(
  stripe: StripeServer,
  serverUrl: string,
  name: string,
  reasonId: string,
  paidDaysAgo = 3,
) {
  const id = `sub_${name}`;
  stripe.addSubscription({
    id,
    paid: { amount: 4900, on: addDays(today(), -paidDaysAgo) },
    periodEnd: addDays(today(), 30 - paidDaysAgo),
  });
  const post = browserPost(() => serverUrl, ORIGIN);
  const reply = await post('/v1/sessions', {
    token: await token({ sub: `cus_${name}`, sid: id, periodEnd: undefined, email: `${name}@example.com` }),
    locale: {},
  });
  expect(reply.status, reply.text).toBe(201);
  const { sessionId, sessionKey, subscriber } = reply.body as {
    sessionId: string;
    sessionKey: string;
    subscriber: Record<string, unknown>;
  };
  const reason = event(sessionId, 'reason_selected', { stepId: 'why', reasonId });
  expect((await post('/v1/events', { events: [reason], keys: { [sessionId]: sessionKey } })).status).toBe(200);
  return { id, sub: `cus_${name}`, sessionId, sessionKey, subscriber };
}
