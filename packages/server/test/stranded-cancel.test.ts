import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, type Backend, createPgDatabase } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { browserPost, tempDir, token, WEBHOOK_SECRET } from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';
import { killServers, NET_ORIGIN as ORIGIN, type ServerProcess, spawnServer, writeProcessSites } from './process.ts';
import { Receiver, until } from './receiver.ts';
import { SlowBilling } from './slow-billing.ts';

afterEach(killServers);

/**
 * A server process killed while billing cancels a subscription: the subscriber confirmed and billing
 * may have cancelled, but nothing was recorded. The widget polls the other process's 409 for 15 s,
 * less than the decision's lease, and a subscriber who closes the tab never retries: the server must
 * finish the cancel itself (receipt, webhooks, the confirmation §312k BGB requires), once.
 */
describe.each(BACKENDS)('a cancel left unfinished by a SIGKILL (%s)', (backend: Backend) => {
  it('is finished by the server without a retry: one receipt, each webhook and the confirmation once', async () => {
    const temp = tempDir();
    const billing = new SlowBilling();
    const hooks = new Receiver();
    const catcher = new MailCatcher();
    await Promise.all([billing.up(), hooks.up(), catcher.up()]);
    const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
    const servers: ServerProcess[] = [];
    try {
      const sitesFile = writeProcessSites(temp.path, mainFlow, billing.url, {
        webhooks: { url: hooks.url, secret: WEBHOOK_SECRET },
        mail: { smtp: catcher.url, from: 'Acme <billing@acme.example>' },
      });
      const dbUrl = pg?.url ?? join(temp.path, 'stranded.sqlite');
      const env = {
        CANCELFLOW_DB: dbUrl,
        CANCELFLOW_SITES: sitesFile,
        CANCELFLOW_LEASE_MS: '2000',
        CANCELFLOW_WEBHOOK_POLL_MS: '50',
        CANCELFLOW_MAIL_POLL_MS: '50',
      };
      const first = await spawnServer(env);
      servers.push(first);
      const post = browserPost(() => first.url, ORIGIN);
      const started = await post('/v1/sessions', {
        token: await token({ sub: 'stranded', sid: 'sub_stranded', email: 'stranded@example.com' }),
        locale: {},
      });
      expect(started.status).toBe(201);
      const { sessionId, sessionKey } = started.body as { sessionId: string; sessionKey: string };

      // Billing takes its time; the process dies while it does (billing goes on and cancels).
      billing.delayMs = () => 1500;
      const cancel = post(`/v1/sessions/${sessionId}/cancel`, { sessionKey }).catch((error: unknown) => error);
      await until(() => billing.callsFor(sessionId).length === 1, 20_000, 'billing to be told');
      first.child.kill('SIGKILL');
      await cancel;
      billing.delayMs = () => 50;

      // Another process (on SQLite: the restarted one) is running; nobody retries the request.
      servers.push(await spawnServer(env));
      const db = await openDatabase(dbUrl);
      try {
        const cancelled = async () => {
          const row = await db.kysely
            .selectFrom('sessions')
            .select('status')
            .where('id', '=', sessionId)
            .executeTakeFirstOrThrow();
          return row.status === 'cancelled';
        };
        await until(cancelled, 60_000, 'the cancel to be finished');
        const mine = () => hooks.received.filter((d) => d.body.includes(sessionId));
        await until(() => mine().length >= 2 && catcher.accepted.length >= 1, 60_000, 'the webhooks and the mail');
        const receipts = await db.kysely
          .selectFrom('cancellations')
          .select('id')
          .where('session_id', '=', sessionId)
          .execute();
        expect(receipts).toHaveLength(1);
        // Billing was told the same cancel again, under the same idempotency key and receipt.
        const calls = billing.callsFor(sessionId);
        expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([`cancel:${sessionId}`]));
        expect(new Set(calls.map((c) => c.data.receiptId))).toEqual(new Set([receipts[0]?.id]));
        for (const server of servers.slice(1)) expect(await server.stop()).toBe(0);
        expect(
          mine()
            .map((d) => JSON.parse(d.body).type)
            .sort(),
        ).toEqual(['session.completed', 'subscription.cancelled']);
        expect(catcher.accepted.map((m) => m.to)).toEqual(['stranded@example.com']);
      } finally {
        await db.close();
      }
    } finally {
      killServers();
      await pg?.drop();
      await Promise.all([billing.down(), hooks.down(), catcher.down()]);
      temp.remove();
    }
  }, 180_000);
});
