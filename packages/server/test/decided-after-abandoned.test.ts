import { writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainFlow } from './fixtures/flows.ts';
import {
  BILLING_SECRET,
  event,
  ORIGIN,
  SECRETS,
  startTestServer,
  type TestServer,
  tempDir,
  token,
  WEBHOOK_SECRET,
} from './helpers.ts';
import { until } from './receiver.ts';

/**
 * The tab closes (`session_abandoned`) while the subscriber's accept or cancel is with billing: the
 * session ends saved or cancelled, and `session.completed` goes out twice, `abandoned` then the final
 * status. Receivers count "the latest one standing" (docs/server.md), and retries reorder arrivals, so
 * the final one must be the later by its `createdAt` too. It carried the time the decision started,
 * before billing was asked, which is earlier than the `abandoned` that came in meanwhile.
 */
describe('a decision that billing answers after the tab reported the session abandoned', () => {
  const temp = tempDir();
  const held: ServerResponse[] = [];
  let calls = 0;
  const billing = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls += 1;
      held.push(res);
    });
  });
  let t: TestServer;
  let clock = new Date('2099-05-01T10:00:00Z');

  beforeAll(async () => {
    await new Promise<void>((resolve) => billing.listen(0, '127.0.0.1', resolve));
    writeFileSync(join(temp.path, 'flow.json'), JSON.stringify(mainFlow));
    const site = {
      id: 'acme',
      secret: SECRETS.acme,
      origins: [ORIGIN],
      flow: 'flow.json',
      billing: {
        type: 'webhook',
        url: `http://127.0.0.1:${(billing.address() as AddressInfo).port}/billing`,
        secret: BILLING_SECRET,
      },
      // Nobody listens: the deliveries stay in the outbox, where the test reads them.
      webhooks: { url: 'http://127.0.0.1:9/hooks', secret: WEBHOOK_SECRET },
    };
    writeFileSync(join(temp.path, 'hold-sites.json'), JSON.stringify([site]));
    t = await startTestServer({
      dir: temp.path,
      sitesFile: join(temp.path, 'hold-sites.json'),
      now: () => clock,
      webhooks: { pollMs: 60_000, baseDelayMs: 60_000, maxDelayMs: 60_000, timeoutMs: 500 },
    });
  });

  afterAll(async () => {
    for (const res of held) res.destroy();
    billing.closeAllConnections();
    await new Promise((resolve) => billing.close(resolve));
    await t?.close();
    temp.remove();
  });

  /** The `session.completed` webhooks queued for a session: status and createdAt, in the order queued. */
  function completed(sessionId: string): { status: string; createdAt: string }[] {
    const db = new SQLite(t.dbFile, { readonly: true });
    try {
      const rows = db
        .prepare("select body from webhook_outbox where type = 'session.completed' order by rowid")
        .all() as {
        body: string;
      }[];
      return rows
        .map((r) => JSON.parse(r.body) as { createdAt: string; data: { sessionId: string; status: string } })
        .filter((b) => b.data.sessionId === sessionId)
        .map((b) => ({ status: b.data.status, createdAt: b.createdAt }));
    } finally {
      db.close();
    }
  }

  for (const [what, path, body] of [
    ['an accept', 'accept', { offerId: 'discount_30', reasonId: 'too_expensive' }],
    ['a cancel', 'cancel', {}],
  ] as const) {
    it(`${what}: the final session.completed is the latest by createdAt`, async () => {
      clock = new Date(clock.getTime() + 3_600_000);
      const started = await t.call('POST', '/v1/sessions', {
        token: await token(
          { sub: `cus_abandoned_${path}` },
          { expiresIn: Math.floor(clock.getTime() / 1000) + 3600, at: clock },
        ),
        locale: {},
      });
      expect(started.status, started.text).toBe(201);
      const { sessionId, sessionKey } = started.body;
      const before = calls;
      const decision = t.call(
        'POST',
        `/v1/sessions/${sessionId}/${path}`,
        { sessionKey, ...body },
        {
          'idempotency-key': path,
        },
      );
      await until(() => calls > before, 10_000, 'the billing call');
      // A minute later, while billing has not answered, the tab closes.
      clock = new Date(clock.getTime() + 60_000);
      const abandoned = await t.call('POST', '/v1/events', {
        events: [event(sessionId, 'session_abandoned', {})],
        keys: { [sessionId]: sessionKey },
      });
      expect(abandoned.status).toBe(200);
      clock = new Date(clock.getTime() + 1_000);
      for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      expect((await decision).status).toBe(200);
      const sent = completed(sessionId);
      expect(sent.map((s) => s.status)).toEqual(['abandoned', path === 'accept' ? 'saved' : 'cancelled']);
      const [first, last] = sent.map((s) => Date.parse(s.createdAt));
      expect(last).toBeGreaterThan(first ?? Number.POSITIVE_INFINITY);
    });
  }
});
