import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { mainFlow } from './fixtures/flows.ts';
import { openSession, send, startTestServer, tempDir, token } from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';
import { killServers, NET_ORIGIN, spawnServer, writeProcessSites } from './process.ts';
import { until } from './receiver.ts';

afterEach(killServers);

/**
 * A stopping server waited for every webhook and mail send in flight to end by itself: an SMTP
 * server or webhook receiver that did not answer held the exit for the send's whole timeout (mail's
 * is 30 s), past the 10 s docker stop waits before it kills. The sends in flight now share the
 * shutdown's grace period with the requests; what is cut off is a failed try, sent again later.
 * The send timeouts here are ten minutes, so only that grace can end the wait.
 */
describe('stopping while a send hangs', () => {
  it('SIGTERM exits 0 while the SMTP server holds a message, and the message is sent after the restart', async () => {
    const dir = tempDir();
    const catcher = new MailCatcher();
    catcher.hold = true;
    await catcher.up();
    try {
      const sites = writeProcessSites(dir.path, mainFlow, 'http://127.0.0.1:9/', {
        billing: { type: 'demo' },
        mail: { smtp: catcher.url, from: 'Acme <billing@acme.example>' },
      });
      const env = {
        CANCELFLOW_DB: `${dir.path}/cf.sqlite`,
        CANCELFLOW_SITES: sites,
        CANCELFLOW_MAIL_TIMEOUT_MS: '600000',
        CANCELFLOW_MAIL_LEASE_MS: '1200000',
        CANCELFLOW_MAIL_RETRY_BASE_MS: '1',
        CANCELFLOW_MAIL_RETRY_MAX_MS: '1',
      };
      const first = await spawnServer(env);
      const started = await send(`${first.url}/v1/sessions`, {
        method: 'POST',
        headers: { origin: NET_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({
          token: await token({ sub: 'cus_held', sid: 'sub_held', email: 'held@example.com' }),
          locale: { browser: ['en'] },
        }),
      });
      expect(started.status).toBe(201);
      const cancel = await send(`${first.url}/v1/sessions/${started.body.sessionId}/cancel`, {
        method: 'POST',
        headers: { origin: NET_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionKey: started.body.sessionKey }),
      });
      expect(cancel.status).toBe(200);
      await until(() => catcher.held.length === 1, 30_000, 'the confirmation to reach the SMTP server');

      expect(await first.stop()).toBe(0);
      expect(first.stdout()).toContain('the server stopped before the SMTP server answered');
      // The cut-off send never got its 250: for SMTP it was not delivered, and it is sent again.
      expect(catcher.heldConnectionsClosed()).toBe(true);
      expect(await catcher.release()).toBe(0);

      catcher.hold = false;
      const second = await spawnServer(env);
      await until(() => catcher.accepted.length === 1, 30_000, 'the confirmation sent by the next process');
      expect(catcher.accepted[0]?.to).toBe('held@example.com');
      expect(await second.stop()).toBe(0);
      expect(catcher.accepted).toHaveLength(1);
    } finally {
      await catcher.down();
      dir.remove();
    }
  }, 60_000);

  it('close() ends while a webhook receiver does not answer, and the delivery stays due', async () => {
    const hanging: ServerResponse[] = [];
    const receiver = createServer((_req, res) => {
      hanging.push(res);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const t = await startTestServer({
      webhookUrl: url,
      webhooks: { pollMs: 50, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 600_000 },
    });
    try {
      const s = await openSession(t, { sub: 'cus_hook' });
      expect(
        (await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }, {})).status,
      ).toBe(200);
      await until(() => hanging.length > 0, 30_000, 'a delivery to reach the receiver');
      await t.server.close();
      // Nothing was delivered: the webhooks are still due for the next process.
      const db = await openDatabase(t.dbFile);
      try {
        const rows = await db.kysely.selectFrom('webhook_outbox').select(['delivered_at', 'last_error']).execute();
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.delivered_at === null)).toBe(true);
        expect(rows.map((r) => r.last_error)).toContain('the server stopped before the receiver answered');
      } finally {
        await db.close();
      }
    } finally {
      for (const res of hanging) res.destroy();
      receiver.closeAllConnections();
      receiver.close();
      await t.close();
    }
  }, 60_000);
});
