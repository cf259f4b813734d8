import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, startTestServer, type TestServer } from './helpers.ts';
import { until } from './receiver.ts';

/**
 * A receiver slower than `webhooks.timeoutMs` that then answers 200 (it did process the delivery):
 * the sender counted the try as failed when its time ran out, so the delivery comes again, under the
 * same `Cancelflow-Delivery` id, which is how the receiver tells it is the same one (docs/server.md).
 */
describe('a webhook receiver that answers after the send timeout', () => {
  const arrivals: { headers: IncomingHttpHeaders; body: string; answer: ServerResponse }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      arrivals.push({ headers: req.headers, body, answer: res });
      // Every delivery after the first is answered at once.
      if (arrivals.length > 1) res.writeHead(200).end();
    });
  });
  let t: TestServer;

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    t = await startTestServer({
      webhookUrl: url,
      webhooks: { pollMs: 50, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 300, maxAttempts: 20, concurrency: 1 },
    });
  });

  afterAll(async () => {
    await t?.close();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const outbox = () => {
    const db = new SQLite(t.dbFile, { readonly: true });
    try {
      return db.prepare('select id, attempts, last_error, delivered_at from webhook_outbox order by id').all() as {
        id: string;
        attempts: number;
        last_error: string | null;
        delivered_at: string | null;
      }[];
    } finally {
      db.close();
    }
  };

  it('is sent again under the same delivery id, and recorded delivered once', async () => {
    const s = await openSession(t, { sub: 'slow_hook' });
    const cancel = await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
    expect(cancel.status).toBe(200);
    await until(() => arrivals.length > 0, 10_000, 'the first delivery');
    const first = arrivals[0] as (typeof arrivals)[number];
    const id = String(first.headers['cancelflow-delivery']);
    // The receiver is still working on it when the sender's time runs out: a failed try.
    await until(() => outbox().find((row) => row.id === id)?.attempts === 1, 10_000, 'the try to time out');
    expect(outbox().find((row) => row.id === id)?.last_error).toMatch(/timed? ?out/i);
    first.answer.writeHead(200).end();
    await until(() => outbox().every((row) => row.delivered_at !== null), 10_000, 'every delivery');
    const again = arrivals.slice(1).filter((a) => a.headers['cancelflow-delivery'] === id);
    expect(again).toHaveLength(1);
    expect(again[0]?.body).toBe(first.body);
    expect(outbox().find((row) => row.id === id)).toMatchObject({ attempts: 2, last_error: null });
  });
});
