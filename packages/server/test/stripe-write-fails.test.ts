import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeServer } from '../src/billing/stripe/simulator/server.ts';
import { BACKENDS } from './backends.ts';
import { ADMIN_KEY, browserPost, ORIGIN, send } from './helpers.ts';
import { killServers, type ServerProcess, spawnServer } from './process.ts';
import { until } from './receiver.ts';
import { type StripeSite, stripeSession, stripeSite } from './stripe-site.ts';

/**
 * Stripe has applied the subscriber's decision, and the server's write of its outcome fails (the
 * disk is full, the database refuses or drops the connection): the decision is half applied. Its
 * claim must stay — only the same decision may be retried, under the same Stripe keys — and a cancel
 * must still be finished by the server. The failing write is a trigger the test puts on the table the
 * outcome goes into (another connection, as an operator's disk or database would be), on SQLite and
 * Postgres, against a real server process and the Stripe simulator.
 */
for (const backend of BACKENDS)
  describe(`a database write failing after Stripe applied the decision (${backend})`, () => {
    let site: StripeSite;
    let stripe: StripeServer;
    let server: ServerProcess;
    let dbUrl = '';

    beforeAll(async () => {
      site = await stripeSite(backend, {
        webhookSecret: 'whsec_write_fails_0123',
        sqliteFile: 'write-fails.sqlite',
        site: { mail: { type: 'outbox' } },
      });
      ({ stripe, dbUrl } = site);
      stripe.addCoupon('STAY30', { percent_off: 30 });
      server = await spawnServer({
        ...site.env,
        // The server's own pass over unfinished cancels, every lease period.
        CANCELFLOW_LEASE_MS: '500',
      });
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      killServers();
      await site?.close();
    });

    const post = browserPost(() => server.url, ORIGIN);

    /** Runs `sql` on the server's database over a connection of its own. */
    async function onDb(sql: string): Promise<void> {
      if (backend === 'sqlite') {
        const db = new SQLite(dbUrl);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
        return;
      }
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    }

    /** Every insert into `table` fails until `healWrites()`. */
    function failWritesTo(table: string): Promise<void> {
      return onDb(
        backend === 'sqlite'
          ? `create trigger fail_write before insert on ${table} begin select raise(abort, 'database or disk is full'); end;`
          : `create or replace function fail_write() returns trigger language plpgsql as $$ begin raise exception 'could not extend file: No space left on device'; end $$;
             create trigger fail_write before insert on ${table} for each row execute function fail_write();`,
      );
    }
    function healWrites(table: string): Promise<void> {
      return onDb(
        backend === 'sqlite'
          ? 'drop trigger fail_write;'
          : `drop trigger fail_write on ${table}; drop function fail_write();`,
      );
    }

    let n = 0;
    function start(reasonId: string) {
      n += 1;
      return stripeSession(stripe, server.url, `wf${n}`, reasonId);
    }

    const mailKinds = async (sub: string) =>
      (
        (
          await send(`${server.url}/v1/admin/mail?siteId=acme&sub=${sub}`, {
            headers: { authorization: `Bearer ${ADMIN_KEY}` },
          })
        ).body.mail as { kind: string }[]
      ).map((m) => m.kind);

    it('an accept: no other offer is applied on top of it, and its retry finishes it once', async () => {
      const s = await start('too_expensive');
      await failWritesTo('offers_accepted');
      const accept = { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' };
      let failed: Awaited<ReturnType<typeof post>>;
      try {
        failed = await post(`/v1/sessions/${s.sessionId}/accept`, accept, 'accept-discount');
      } finally {
        await healWrites('offers_accepted');
      }
      expect(failed.status).toBeGreaterThanOrEqual(500);
      // Stripe has the discount.
      expect(stripe.subscriptionObject(s.id).discounts as unknown[]).toHaveLength(1);

      // The subscriber, told it failed, picks another reason and its offer: refused, Stripe untouched.
      const other = await post(
        `/v1/sessions/${s.sessionId}/accept`,
        { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 2 } },
        'accept-pause',
      );
      expect(other.status, other.text).toBe(409);
      expect(stripe.subscriptionObject(s.id).pause_collection).toBeNull();

      // The widget's outbox replays the same click: the truth, and Stripe changed once.
      const retry = await post(`/v1/sessions/${s.sessionId}/accept`, accept, 'accept-discount');
      expect(retry.status, retry.text).toBe(200);
      expect(retry.body).toMatchObject({ offerId: 'discount_30', applied: true });
      expect(stripe.mutationsFor(`accept:${s.sessionId}:`)).toHaveLength(1);
      expect(await mailKinds(s.sub)).toEqual(['saved']);
    });

    it('a cancel nobody retries: the server finishes it, one receipt, one confirmation, one refund', async () => {
      const s = await start('too_expensive');
      await failWritesTo('cancellations');
      let failed: Awaited<ReturnType<typeof post>>;
      try {
        failed = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      } finally {
        await healWrites('cancellations');
      }
      expect(failed.status).toBeGreaterThanOrEqual(500);
      expect(stripe.subscriptionObject(s.id)).toMatchObject({ cancel_at_period_end: true });

      // No retry: the subscriber closed the tab. The server's own pass must confirm it.
      await until(async () => (await mailKinds(s.sub)).includes('cancellation'), 30_000, 'the confirmation');
      expect(await mailKinds(s.sub)).toEqual(['cancellation']);
      const again = await post(`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(again.status, again.text).toBe(200);
      expect(stripe.refunds.filter((r) => r.payment_intent === `pi_wf${n}`).map((r) => r.amount)).toEqual([4900]);
      expect(stripe.mutationsFor(`cancel:${s.sessionId}:`).map((m) => m.idempotencyKey)).toEqual([
        `cancel:${s.sessionId}:subscription`,
        `cancel:${s.sessionId}:refund`,
      ]);
    }, 60_000);
  });
