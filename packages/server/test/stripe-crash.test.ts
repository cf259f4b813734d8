import { addDays, addPeriod } from '@cancelflow/core';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, type Backend } from './backends.ts';
import { ADMIN_KEY, browserPost, ORIGIN, send, token, WEBHOOK_SECRET } from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';
import { killServers, type ServerProcess, spawnServer } from './process.ts';
import { Receiver, until } from './receiver.ts';
import { stripeSession, stripeSite, today } from './stripe-site.ts';

afterEach(killServers);

/**
 * `kill -9` of a server process in the middle of a subscriber's decision, with real billing (the
 * stripe plugin against the Stripe simulator), real SMTP and a real webhook receiver on loopback:
 * after a restart on the same database, Stripe holds the subscriber's choice once, the retry the
 * widget's outbox replays (same session, same Idempotency-Key) gets the truth, and the mail is sent
 * once and each webhook at least once with its delivery id.
 */
interface World {
  stripe: StripeServer;
  catcher: MailCatcher;
  hooks: Receiver;
  dbUrl: string;
  spawn: () => Promise<ServerProcess>;
  /** Starts a session of `cus_<name>` on subscription `sub_<name>` (paid 3 days ago) with `reasonId` chosen. */
  start: (server: ServerProcess, name: string, reasonId: string) => Promise<{ sessionId: string; sessionKey: string }>;
}

async function world(backend: Backend, run: (w: World) => Promise<void>): Promise<void> {
  const catcher = new MailCatcher();
  const hooks = new Receiver();
  await Promise.all([catcher.up(), hooks.up()]);
  const site = await stripeSite(backend, {
    webhookSecret: 'whsec_crash_0123456789',
    sqliteFile: 'crash.sqlite',
    site: {
      webhooks: { url: hooks.url, secret: WEBHOOK_SECRET },
      mail: { smtp: catcher.url, from: 'Acme <billing@acme.example>' },
    },
  });
  try {
    const env = {
      ...site.env,
      CANCELFLOW_LEASE_MS: '1000',
      CANCELFLOW_WEBHOOK_POLL_MS: '50',
      CANCELFLOW_WEBHOOK_RETRY_BASE_MS: '50',
      CANCELFLOW_WEBHOOK_RETRY_MAX_MS: '200',
      CANCELFLOW_MAIL_POLL_MS: '50',
      // A dead sender's message waits out this lease; the send timeout stays below it.
      CANCELFLOW_MAIL_TIMEOUT_MS: '4000',
      CANCELFLOW_MAIL_LEASE_MS: '5000',
    };
    await run({
      stripe: site.stripe,
      catcher,
      hooks,
      dbUrl: site.dbUrl,
      spawn: () => spawnServer(env),
      start: (server, name, reasonId) => stripeSession(site.stripe, server.url, name, reasonId),
    });
  } finally {
    killServers();
    await Promise.all([site.close(), catcher.down(), hooks.down()]);
  }
}

async function sigkill(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  if (server.child.signalCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
}

/**
 * Posts a decision to `server` and kills it (SIGKILL) once Stripe holds the call `held` stands for —
 * the request dies with the server, unanswered — then lets Stripe answer the dead process.
 */
async function killedWhileHeld(
  server: ServerProcess,
  held: { arrived: Promise<void>; release: () => void },
  path: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<void> {
  const dying = browserPost(() => server.url, ORIGIN)(path, body, idempotencyKey).catch((error: unknown) => error);
  await held.arrived;
  await sigkill(server);
  await dying;
  held.release();
}

/** Posts until the answer is no longer 409 `in_progress` (the dead process's lease), as the widget polls. */
async function settled(request: () => ReturnType<ReturnType<typeof browserPost>>) {
  let reply = await request();
  await until(
    async () => {
      if (reply.status !== 409 || reply.body?.error?.code !== 'in_progress') return true;
      reply = await request();
      return false;
    },
    60_000,
    'the dead process to let go',
  );
  return reply;
}

/** The webhook deliveries about `sessionId`: their types, and whether each carried its delivery id. */
function deliveries(hooks: Receiver, sessionId: string) {
  return hooks.received
    .filter((d) => d.body.includes(sessionId))
    .map((d) => {
      const body = JSON.parse(d.body) as { id: string; type: string };
      return { type: body.type, id: body.id, header: d.headers['cancelflow-delivery'] };
    });
}

for (const backend of BACKENDS)
  describe(`kill -9 in the middle of a decision, with Stripe (${backend})`, () => {
    it('after Stripe applied a pause, before its answer: the replayed click gets the pause, applied once; mail once, webhooks with their ids', async () => {
      await world(backend, async ({ stripe, catcher, hooks, spawn, start }) => {
        const first = await spawn();
        const s = await start(first, 'kill_a', 'not_using');
        const accept = { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 2 } };
        const held = stripe.hold('POST', /^\/v1\/subscriptions\/sub_kill_a$/);
        await killedWhileHeld(first, held, `/v1/sessions/${s.sessionId}/accept`, accept, 'click-1');

        const second = await spawn();
        const post = browserPost(() => second.url, ORIGIN);
        // Another offer is not taken while the pause's outcome is open.
        const other = await post(
          `/v1/sessions/${s.sessionId}/accept`,
          { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
          'click-2',
        );
        expect(other.status).toBe(409);
        const retry = await settled(() => post(`/v1/sessions/${s.sessionId}/accept`, accept, 'click-1'));
        expect(retry.status, retry.text).toBe(200);
        expect(retry.body.result).toEqual({ resumesOn: addPeriod(today(), 2, 'month') });
        expect(stripe.mutationsFor(`accept:${s.sessionId}:`)).toHaveLength(1);
        expect(stripe.subscriptionObject('sub_kill_a').pause_collection).toMatchObject({ behavior: 'void' });
        expect(stripe.subscriptionObject('sub_kill_a').discounts).toEqual([]);

        await until(
          () => catcher.accepted.length >= 1 && deliveries(hooks, s.sessionId).length >= 2,
          60_000,
          'the mail and the webhooks',
        );
        // Stopped (it drains what is in flight): nothing more can be sent, so the counts are final.
        expect(await second.stop()).toBe(0);
        expect(catcher.accepted.map((m) => m.to)).toEqual(['kill_a@example.com']);
        const sent = deliveries(hooks, s.sessionId);
        expect([...new Set(sent.map((d) => d.type))].sort()).toEqual(['offer.accepted', 'session.completed']);
        for (const d of sent) expect(d.header).toBe(d.id);
      });
    }, 180_000);

    it('after Stripe applied a pause, before its answer, and nobody retries: the server finishes it; paused once, the save recorded, mail once, webhooks once', async () => {
      await world(backend, async ({ stripe, catcher, hooks, dbUrl, spawn, start }) => {
        const first = await spawn();
        const s = await start(first, 'kill_p', 'not_using');
        const accept = { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 2 } };
        const held = stripe.hold('POST', /^\/v1\/subscriptions\/sub_kill_p$/);
        await killedWhileHeld(first, held, `/v1/sessions/${s.sessionId}/accept`, accept, 'click-1');

        // The subscriber closed the tab: only the server's own pass can finish it.
        const second = await spawn();
        await until(
          () => second.stdout().includes('"msg":"finished an unfinished accept"'),
          60_000,
          'the server to finish the accept',
        );
        await until(
          () => catcher.accepted.length >= 1 && deliveries(hooks, s.sessionId).length >= 2,
          60_000,
          'the mail and the webhooks',
        );
        expect(await second.stop()).toBe(0);
        // Stripe replayed the pause under its key: changed once.
        expect(stripe.mutationsFor(`accept:${s.sessionId}:`)).toHaveLength(1);
        expect(stripe.subscriptionObject('sub_kill_p').pause_collection).toMatchObject({ behavior: 'void' });
        expect(catcher.accepted.map((m) => m.to)).toEqual(['kill_p@example.com']);
        expect(
          deliveries(hooks, s.sessionId)
            .map((d) => d.type)
            .sort(),
        ).toEqual(['offer.accepted', 'session.completed']);
        const result = { resumesOn: addPeriod(today(), 2, 'month') };
        const db = await openDatabase(dbUrl);
        try {
          const offers = await db.kysely
            .selectFrom('offers_accepted')
            .select(['offer_id', 'stage', 'result_json'])
            .where('session_id', '=', s.sessionId)
            .execute();
          expect(offers).toEqual([{ offer_id: 'pause', stage: 'before_cancel', result_json: JSON.stringify(result) }]);
        } finally {
          await db.close();
        }
      });
    }, 180_000);

    it('after Stripe answered the cancel and the refund, before the outcome was written: the server finishes it, one refund, one confirmation, the same receipt for the retry', async () => {
      await world(backend, async ({ stripe, catcher, hooks, dbUrl, spawn, start }) => {
        const first = await spawn();
        const s = await start(first, 'kill_b', 'too_expensive');
        const held = stripe.hold('POST', /^\/v1\/subscriptions\/sub_kill_b$/);
        const dying = browserPost(() => first.url, ORIGIN)(`/v1/sessions/${s.sessionId}/cancel`, {
          sessionKey: s.sessionKey,
        }).catch((error: unknown) => error);
        await held.arrived;
        // The claim is written; now the outcome's table is locked by another connection until the kill.
        const unlock = await lockOutcome(backend, dbUrl);
        try {
          held.release();
          await until(() => stripe.refunds.some((r) => r.payment_intent === 'pi_kill_b'), 30_000, 'the refund');
          if (backend === 'postgres') await until(() => waitingOnLock(dbUrl), 30_000, 'the write to wait');
          await sigkill(first);
        } finally {
          await unlock();
        }
        await dying;

        // Nobody retries: the restarted server finishes the cancel on its own.
        const second = await spawn();
        await until(
          () => catcher.accepted.length >= 1 && deliveries(hooks, s.sessionId).length >= 2,
          60_000,
          'the confirmation and the webhooks',
        );
        // The widget's outbox replays the confirm afterwards: the same receipt the mail names.
        const retry = await browserPost(() => second.url, ORIGIN)(`/v1/sessions/${s.sessionId}/cancel`, {
          sessionKey: s.sessionKey,
        });
        expect(retry.status, retry.text).toBe(200);
        expect(retry.body.refund).toMatch(/\$49/);
        expect(await second.stop()).toBe(0);

        expect(catcher.accepted.map((m) => m.to)).toEqual(['kill_b@example.com']);
        expect(catcher.accepted[0]?.text).toContain(retry.body.id);
        expect(stripe.refunds.filter((r) => r.payment_intent === 'pi_kill_b').map((r) => r.amount)).toEqual([4900]);
        expect(stripe.mutationsFor(`cancel:${s.sessionId}:`).map((m) => m.idempotencyKey)).toEqual([
          `cancel:${s.sessionId}:subscription`,
          `cancel:${s.sessionId}:refund`,
        ]);
        expect(stripe.subscriptionObject('sub_kill_b')).toMatchObject({ status: 'active', cancel_at_period_end: true });
        const sent = deliveries(hooks, s.sessionId);
        expect([...new Set(sent.map((d) => d.type))].sort()).toEqual(['session.completed', 'subscription.cancelled']);
        for (const d of sent) expect(d.header).toBe(d.id);
      });
    }, 180_000);

    it("two sessions of one subscriber cancelling across a kill -9: one refund, each session's receipt, the dead one finished by the server", async () => {
      await world(backend, async ({ stripe, catcher, spawn, start }) => {
        const first = await spawn();
        const one = await start(first, 'kill_d', 'too_expensive');
        // The subscriber's second window, on the same subscription.
        const tokenTwo = await token({
          sub: 'cus_kill_d',
          sid: 'sub_kill_d',
          periodEnd: undefined,
          email: 'kill_d@example.com',
        });
        const two = (await browserPost(() => first.url, ORIGIN)('/v1/sessions', { token: tokenTwo, locale: {} }))
          .body as { sessionId: string; sessionKey: string };
        const held = stripe.hold('POST', /^\/v1\/subscriptions\/sub_kill_d$/);
        await killedWhileHeld(first, held, `/v1/sessions/${one.sessionId}/cancel`, { sessionKey: one.sessionKey });

        const second = await spawn();
        const post = browserPost(() => second.url, ORIGIN);
        // The other window's cancel, while the dead one is open: it waits (409) or goes after it.
        const cancelTwo = await settled(() =>
          post(`/v1/sessions/${two.sessionId}/cancel`, { sessionKey: two.sessionKey }),
        );
        expect(cancelTwo.status, cancelTwo.text).toBe(200);
        // Nobody retries the first: the server finishes it.
        await until(() => catcher.accepted.length >= 2, 60_000, 'both confirmations');
        const cancelOne = await post(`/v1/sessions/${one.sessionId}/cancel`, { sessionKey: one.sessionKey });
        expect(cancelOne.status, cancelOne.text).toBe(200);
        expect(await second.stop()).toBe(0);

        // One payment, refunded once, whichever session paid it back.
        expect(stripe.refunds.filter((r) => r.payment_intent === 'pi_kill_d').map((r) => r.amount)).toEqual([4900]);
        expect(stripe.subscriptionObject('sub_kill_d')).toMatchObject({ status: 'active', cancel_at_period_end: true });
        // Each confirmation names its own session's receipt, once.
        const texts = catcher.accepted.map((m) => m.text);
        expect(texts).toHaveLength(2);
        expect(texts.filter((t) => t.includes(cancelOne.body.id))).toHaveLength(1);
        expect(texts.filter((t) => t.includes(cancelTwo.body.id))).toHaveLength(1);
      });
    }, 180_000);

    it('a withdrawal: after Stripe ended the subscription and refunded, before the answer: the retry gets the withdrawal receipt; ended once, refunded once in full, mail once', async () => {
      await world(backend, async ({ stripe, catcher, hooks, spawn }) => {
        const first = await spawn();
        stripe.addSubscription({
          id: 'sub_kill_w',
          paid: { amount: 4900, on: addDays(today(), -3) },
          periodEnd: addDays(today(), 27),
        });
        // A subscriber in Germany, three days into the contract: within the withdrawal period.
        const started = await browserPost(() => first.url, ORIGIN)('/v1/sessions', {
          token: await token({
            sub: 'cus_kill_w',
            sid: 'sub_kill_w',
            periodEnd: undefined,
            email: 'kill_w@example.com',
            country: 'DE',
            since: addDays(today(), -3),
          }),
          locale: {},
        });
        expect(started.status, started.text).toBe(201);
        const s = started.body as { sessionId: string; sessionKey: string };
        const withdraw = { sessionKey: s.sessionKey, reasonId: 'too_expensive', withdraw: true };
        const held = stripe.hold('POST', /^\/v1\/refunds$/);
        await killedWhileHeld(first, held, `/v1/sessions/${s.sessionId}/cancel`, withdraw, 'withdraw-1');

        const second = await spawn();
        const post = browserPost(() => second.url, ORIGIN);
        // A plain cancel in the same session while the withdrawal is open: not taken instead of it.
        const instead = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }, 'cancel-1');
        expect(instead.status, instead.text).toBe(409);
        const retry = await settled(() => post(`/v1/sessions/${s.sessionId}/cancel`, withdraw, 'withdraw-1'));
        expect(retry.status, retry.text).toBe(200);
        expect(retry.body).toMatchObject({ sessionId: s.sessionId, withdrawal: true });
        await until(
          () => catcher.accepted.length >= 1 && deliveries(hooks, s.sessionId).length >= 2,
          60_000,
          'the confirmation and the webhooks',
        );
        // The dashboard's figures count the session once, cancelled.
        const summary = await send(`${second.url}/v1/admin/insights/summary?siteId=acme`, {
          headers: { authorization: `Bearer ${ADMIN_KEY}` },
        });
        expect(summary.body).toMatchObject({ sessions: 1, cancelled: 1, saved: 0, open: 0 });
        expect(await second.stop()).toBe(0);

        expect(stripe.subscriptionObject('sub_kill_w')).toMatchObject({ status: 'canceled' });
        expect(stripe.refunds.filter((r) => r.payment_intent === 'pi_kill_w').map((r) => r.amount)).toEqual([4900]);
        expect(catcher.accepted.map((m) => m.to)).toEqual(['kill_w@example.com']);
        expect(catcher.accepted[0]?.text).toContain(retry.body.id);
        const sent = deliveries(hooks, s.sessionId);
        expect([...new Set(sent.map((d) => d.type))].sort()).toEqual(['session.completed', 'subscription.cancelled']);
        for (const d of sent) expect(d.header).toBe(d.id);
      });
    }, 180_000);

    it('with the confirmation mid-DATA and the webhooks refused: after the restart, the mail once and each webhook under its first id', async () => {
      await world(backend, async ({ stripe, catcher, hooks, spawn, start }) => {
        catcher.hold = true; // the SMTP server takes the message and does not answer it
        hooks.respond = () => 503; // the site's endpoint refuses: the deliveries stay due
        const first = await spawn();
        const s = await start(first, 'kill_c', 'too_expensive');
        const cancel = await browserPost(() => first.url, ORIGIN)(`/v1/sessions/${s.sessionId}/cancel`, {
          sessionKey: s.sessionKey,
        });
        expect(cancel.status, cancel.text).toBe(200);
        await until(
          () => catcher.held.length === 1 && new Set(deliveries(hooks, s.sessionId).map((d) => d.type)).size === 2,
          60_000,
          'the mail in flight and both webhooks tried',
        );
        const refused = deliveries(hooks, s.sessionId);
        await sigkill(first);
        await until(() => catcher.heldConnectionsClosed(), 30_000, 'the dead sender to hang up');
        // Never answered 250: for SMTP it was not delivered, and the catcher drops it.
        expect(await catcher.release()).toBe(0);
        catcher.hold = false;
        hooks.respond = () => 200;

        const second = await spawn();
        await until(() => catcher.accepted.length >= 1, 60_000, 'the mail after the restart');
        await until(
          () =>
            new Set(
              deliveries(hooks, s.sessionId)
                .slice(refused.length)
                .map((d) => d.type),
            ).size === 2,
          60_000,
          'both webhooks delivered',
        );
        expect(await second.stop()).toBe(0);
        expect(catcher.accepted.map((m) => m.to)).toEqual(['kill_c@example.com']);
        expect(catcher.accepted[0]?.text).toContain(cancel.body.id);
        // Each delivery carries the id it was first tried with: the site's endpoint can drop repeats.
        const ids = new Map(refused.map((d) => [d.type, d.id]));
        for (const d of deliveries(hooks, s.sessionId)) {
          expect(d.id).toBe(ids.get(d.type));
          expect(d.header).toBe(d.id);
        }
        expect(stripe.refunds.filter((r) => r.payment_intent === 'pi_kill_c')).toHaveLength(1);
      });
    }, 180_000);
  });

/** Holds the write lock on the cancellations table (Postgres) or the whole file (SQLite); resolves to its release. */
async function lockOutcome(backend: Backend, dbUrl: string): Promise<() => Promise<void>> {
  if (backend === 'sqlite') {
    const db = new SQLite(dbUrl);
    db.exec('begin immediate');
    return async () => {
      db.exec('rollback');
      db.close();
    };
  }
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query('begin');
  await client.query('lock table cancellations in access exclusive mode');
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

/** Whether one of the server's connections waits for a lock (its write of the outcome, blocked). */
async function waitingOnLock(dbUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}
