import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, utcDay } from '@cancelflow/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_KEY, StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, event, type Reply, SECRETS, send, tempDir, token, WEBHOOK_SECRET } from './helpers.ts';
import { killServers, type ServerProcess, spawnServer } from './process.ts';
import { Receiver, until } from './receiver.ts';

const ORIGIN = 'https://app.acme.example';
const today = () => utcDay(new Date());

/**
 * One subscriber's decision sent through both of two server processes on one Postgres at once, while
 * Stripe takes its time (the simulator holds its answer until the test releases it): billing is told
 * once, the process that does not hold the decision answers 409 `in_progress` until it is done, then
 * every request of the same decision gets the same answer; one mail and one of each webhook go out.
 */
describe.runIf(TEST_PG)('one decision through two server processes, with a slow Stripe', () => {
  const temp = tempDir();
  const stripe = new StripeServer();
  const hooks = new Receiver();
  let servers: ServerProcess[] = [];
  let database: { url: string; drop(): Promise<void> };
  let client: pg.Client;

  beforeAll(async () => {
    await Promise.all([stripe.up(), hooks.up()]);
    stripe.addCoupon('STAY30', { percent_off: 30 });
    stripe.addPrice('price_starter');
    stripe.addPrice('price_basic');
    writeFileSync(join(temp.path, 'main.json'), JSON.stringify(mainFlow));
    const billing = {
      type: 'stripe',
      secretKey: 'env:TEST_STRIPE_SECRET_KEY',
      webhookSecret: 'whsec_race_0123456789',
      prices: { starter: 'price_starter', basic: 'price_basic' },
      apiBase: stripe.url,
    };
    const site = {
      id: 'acme',
      secret: SECRETS.acme,
      origins: [ORIGIN],
      flow: 'main.json',
      billing,
      mail: { type: 'outbox' },
      webhooks: { url: hooks.url, secret: WEBHOOK_SECRET },
    };
    writeFileSync(join(temp.path, 'sites.json'), JSON.stringify([site]));
    database = await createPgDatabase();
    const env = {
      CANCELFLOW_DB: database.url,
      CANCELFLOW_SITES: join(temp.path, 'sites.json'),
      TEST_STRIPE_SECRET_KEY: STRIPE_KEY,
      CANCELFLOW_WEBHOOK_POLL_MS: '50',
    };
    servers = [await spawnServer(env)];
    servers.push(await spawnServer(env));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    killServers();
    await client?.end();
    await database?.drop();
    await Promise.all([stripe.down(), hooks.down()]);
    temp.remove();
  });

  const post = (n: number, path: string, body: unknown, key?: string, signal?: AbortSignal): Promise<Reply> =>
    send(`${servers[n]?.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });

  /** As the widget's http adapter does: a 409 with Retry-After is polled until the final answer. */
  async function settled(n: number, path: string, body: unknown, key?: string): Promise<Reply> {
    for (let i = 0; ; i++) {
      const reply = await post(n, path, body, key);
      if (!(reply.status === 409 && reply.headers.get('retry-after')) || i > 600) return reply;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  let n = 0;
  async function start(reasonId: string, claims: Record<string, unknown> = {}) {
    n += 1;
    const id = `sub_race${n}`;
    stripe.addSubscription({
      id,
      paid: { amount: 4900, on: addDays(today(), -3) },
      periodEnd: addDays(today(), 27),
    });
    const sub = `cus_race${n}`;
    const reply = await post(0, '/v1/sessions', {
      token: await token({ sub, sid: id, periodEnd: undefined, email: `race${n}@example.com`, ...claims }),
      locale: {},
    });
    expect(reply.status, reply.text).toBe(201);
    const { sessionId, sessionKey } = reply.body as { sessionId: string; sessionKey: string };
    const reason = event(sessionId, 'reason_selected', { stepId: 'why', reasonId });
    expect((await post(1, '/v1/events', { events: [reason], keys: { [sessionId]: sessionKey } })).status).toBe(200);
    return { id, sub, sessionId, sessionKey };
  }

  const mailOf = async (sub: string) =>
    (
      await send(`${servers[1]?.url}/v1/admin/mail?siteId=acme&sub=${sub}`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      })
    ).body.mail as { kind: string }[];

  /** The webhooks delivered for a session, by type, once the outbox has none left for it. */
  async function hooksFor(sessionId: string): Promise<string[]> {
    await until(
      async () => {
        const pending = await client.query(
          'select count(*)::int as n from webhook_outbox where delivered_at is null and body like $1',
          [`%${sessionId}%`],
        );
        return pending.rows[0].n === 0;
      },
      30_000,
      'the outbox to drain',
    );
    return hooks.received
      .filter((d) => d.body.includes(sessionId))
      .map((d) => (JSON.parse(d.body) as { type: string }).type)
      .sort();
  }

  it('an accept sent to both processes at once (and from a second tab): one coupon, one answer, one mail', async () => {
    const s = await start('too_expensive');
    const held = stripe.hold('POST', new RegExp(`/v1/subscriptions/${s.id}$`));
    const path = `/v1/sessions/${s.sessionId}/accept`;
    const body = { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' };
    const key = `${s.sessionId}:accept:discount_30:::`;
    const first = post(0, path, body, key);
    await held.arrived;
    // The same request on the other process, and the second tab's pause, while Stripe holds the answer.
    const twin = await post(1, path, body, key);
    expect(twin.status, twin.text).toBe(409);
    expect(twin.body.error.code).toBe('in_progress');
    const other = await post(
      1,
      path,
      { ...body, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
      'tab-2',
    );
    expect(other.status, other.text).toBe(409);
    expect(other.body.error.code).toBe('in_progress');
    held.release();
    const answer = await first;
    expect(answer.status, answer.text).toBe(200);
    expect((await settled(1, path, body, key)).text).toBe(answer.text);
    // The second tab is told what the session took, as the widget shows it.
    const otherAgain = await settled(
      0,
      path,
      { ...body, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
      'tab-2',
    );
    expect(otherAgain.status).toBe(409);
    expect(otherAgain.body.error.accepted).toMatchObject({ offerId: 'discount_30' });
    expect(stripe.mutationsFor(`accept:${s.sessionId}`)).toHaveLength(1);
    expect(await hooksFor(s.sessionId)).toEqual(['offer.accepted', 'session.completed']);
    await until(async () => (await mailOf(s.sub)).length > 0, 30_000, 'the mail');
    expect((await mailOf(s.sub)).map((m) => m.kind)).toEqual(['saved']);
  }, 120_000);

  it('a second tab whose accept finds the first one applied as it claims is told what the session took', async () => {
    const s = await start('not_using');
    const held = stripe.hold('POST', new RegExp(`/v1/subscriptions/${s.id}$`));
    const path = `/v1/sessions/${s.sessionId}/accept`;
    const body = { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } };
    const first = post(0, path, body, 'tab-1');
    await held.arrived;
    // The second tab's request reads the session while it is still open, then waits for the
    // subscriber's lock (the test holds it) until the first tab's accept is recorded.
    const lock = "hashtextextended('subscriber:acme:' || subscriber_id, 0)";
    await client.query(`select pg_advisory_lock(${lock}) from sessions where id = $1`, [s.sessionId]);
    // The same offer, another choice (the widget's key differs): another decision.
    const second = post(1, path, { ...body, choice: { months: 2 } }, 'tab-2');
    await until(
      async () =>
        (await client.query("select 1 from pg_locks where locktype = 'advisory' and not granted")).rows.length > 0,
      30_000,
      "the second tab's request to wait for the subscriber's lock",
    );
    held.release();
    const answer = await first;
    expect(answer.status, answer.text).toBe(200);
    await client.query(`select pg_advisory_unlock(${lock}) from sessions where id = $1`, [s.sessionId]);
    const told = await second;
    // Not a bare conflict, which the widget shows as a failure of an offer billing applied.
    expect(told.status, told.text).toBe(409);
    expect(told.body.error.accepted).toEqual({ offerId: 'pause', choice: { months: 1 }, result: answer.body.result });
    expect(stripe.mutationsFor(`accept:${s.sessionId}`)).toHaveLength(1);
  }, 120_000);

  it('a cancel whose answer was lost, retried through the other process: one refund, the same receipt, one mail', async () => {
    const s = await start('too_expensive');
    const held = stripe.hold('POST', new RegExp(`/v1/subscriptions/${s.id}$`));
    const path = `/v1/sessions/${s.sessionId}/cancel`;
    const body = { sessionKey: s.sessionKey };
    const key = `${s.sessionId}:cancel`;
    const dropped = new AbortController();
    const first = post(0, path, body, key, dropped.signal).catch((error: unknown) => error);
    await held.arrived;
    // The connection drops (a tunnel); the widget retries, its load balancer picks the other process.
    dropped.abort();
    await first;
    const retry = settled(1, path, body, key);
    const tab = settled(1, path, body, 'tab-2');
    held.release();
    const [a, b] = await Promise.all([retry, tab]);
    expect(a.status, a.text).toBe(200);
    expect(b.text).toBe(a.text);
    expect(stripe.refunds.filter((r) => r.payment_intent === `pi_race${n}`).map((r) => r.amount)).toEqual([4900]);
    expect(stripe.mutationsFor(`cancel:${s.sessionId}:`).map((m) => m.idempotencyKey)).toEqual([
      `cancel:${s.sessionId}:subscription`,
      `cancel:${s.sessionId}:refund`,
    ]);
    expect(await hooksFor(s.sessionId)).toEqual(['session.completed', 'subscription.cancelled']);
    await until(async () => (await mailOf(s.sub)).length > 0, 30_000, 'the mail');
    expect((await mailOf(s.sub)).map((m) => m.kind)).toEqual(['cancellation']);
  }, 120_000);

  it('a withdrawal and a cancel of one session through both processes at once: the first decides, the other is told', async () => {
    const s = await start('too_expensive', { country: 'DE', since: addDays(today(), -3) });
    // A withdrawal ends the subscription now (DELETE), a cancel at the period end (POST).
    const held = stripe.hold('DELETE', new RegExp(`/v1/subscriptions/${s.id}$`));
    const path = `/v1/sessions/${s.sessionId}/cancel`;
    const withdrawal = post(0, path, { sessionKey: s.sessionKey, withdraw: true }, 'w');
    await held.arrived;
    const cancel = await post(1, path, { sessionKey: s.sessionKey }, 'c');
    expect(cancel.status, cancel.text).toBe(409);
    expect(cancel.body.error.code).toBe('in_progress');
    held.release();
    const withdrawn = await withdrawal;
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.withdrawal).toBe(true);
    const late = await settled(1, path, { sessionKey: s.sessionKey }, 'c');
    expect(late.status, late.text).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    expect((await settled(1, path, { sessionKey: s.sessionKey, withdraw: true }, 'w2')).text).toBe(withdrawn.text);
    expect(await hooksFor(s.sessionId)).toEqual(['session.completed', 'subscription.cancelled']);
    await until(async () => (await mailOf(s.sub)).length > 0, 30_000, 'the mail');
    expect((await mailOf(s.sub)).map((m) => m.kind)).toEqual(['cancellation']);
  }, 120_000);
});
