import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { event, openSession, startTestServer } from './helpers.ts';
import { Receiver, until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A receiver that answers 200 and then sends a body that never ends, as fast as the sender reads it:
 * a broken endpoint, or another site's operator on a shared server. `closed` says whether the sender
 * hung up on it.
 */
async function endlessReceiver() {
  let requests = 0;
  let closed = false;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const more = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', more);
      res.on('close', () => (closed = true));
      more();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests: () => requests,
    closed: () => closed,
  };
}

describe('a webhook receiver whose answer never ends', () => {
  it('is delivered on its 2xx status: the sender neither reads the endless body into memory nor sends again', async () => {
    const receiver = await endlessReceiver();
    // A long timeout: the delivery must not wait for it (nor for a lease to run out and send again).
    const t = await startTestServer({
      webhookUrl: receiver.url,
      webhooks: { pollMs: 50, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 60_000 },
    });
    cleanups.push(() => t.close());
    const session = await openSession(t, { sub: 'endless' });
    const reply = await t.call('POST', '/v1/events', {
      events: [event(session.sessionId, 'session_abandoned', {})],
      keys: { [session.sessionId]: session.sessionKey },
    });
    expect(reply.status).toBe(200);
    const rows = () => {
      const db = new SQLite(t.dbFile, { readonly: true });
      try {
        return db.prepare('select attempts, delivered_at, last_error from webhook_outbox').all() as {
          attempts: number;
          delivered_at: string | null;
          last_error: string | null;
        }[];
      } finally {
        db.close();
      }
    };
    await until(() => rows().length === 1 && rows()[0]?.delivered_at != null, 10_000, 'the delivery recorded');
    expect(rows()[0]).toMatchObject({ attempts: 1, last_error: null });
    // The sender hung up instead of reading on.
    await until(receiver.closed, 10_000, 'the sender to close the endless answer');
    expect(receiver.requests()).toBe(1);
  });
});

describe('a webhook receiver that answers with a redirect', () => {
  it('is not followed to where it points (a host inside the network): the delivery failed and is retried', async () => {
    const inside = new Receiver();
    await inside.up();
    cleanups.push(() => inside.down());
    const redirecting = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(307, { location: inside.url }).end());
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      redirecting.closeAllConnections();
      await new Promise((resolve) => redirecting.close(resolve));
    });
    const t = await startTestServer({
      webhookUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hooks`,
      webhooks: { pollMs: 50, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 60_000, maxAttempts: 2 },
    });
    cleanups.push(() => t.close());
    const session = await openSession(t, { sub: 'redirected' });
    await t.call('POST', '/v1/events', {
      events: [event(session.sessionId, 'session_abandoned', {})],
      keys: { [session.sessionId]: session.sessionKey },
    });
    const db = () => new SQLite(t.dbFile, { readonly: true });
    const row = () => {
      const d = db();
      try {
        return d.prepare('select attempts, delivered_at, failed_at, last_error from webhook_outbox').get() as
          | { attempts: number; delivered_at: string | null; failed_at: string | null; last_error: string | null }
          | undefined;
      } finally {
        d.close();
      }
    };
    await until(() => row()?.failed_at != null, 10_000, 'the delivery given up after its two attempts');
    expect(row()).toMatchObject({ attempts: 2, delivered_at: null, last_error: 'HTTP 307' });
    expect(inside.received).toEqual([]);
  });
});
