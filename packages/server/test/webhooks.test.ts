import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_WEBHOOK_OPTIONS } from '../src/webhooks/sender.ts';
import { verifySignature } from '../src/webhooks/sign.ts';
import { event, openSession, startTestServer, type TestServer, tempDir, WEBHOOK_SECRET } from './helpers.ts';
import { Receiver, until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One session of each ending: 5 webhooks (offer.accepted + 2× session.completed + subscription.cancelled + session.completed). */
async function produceWebhooks(t: TestServer) {
  const saved = await openSession(t, { sub: 'w_saved' });
  await t.call(
    'POST',
    `/v1/sessions/${saved.sessionId}/accept`,
    { sessionKey: saved.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
    { 'idempotency-key': 'w1' },
  );
  const cancelled = await openSession(t, { sub: 'w_cancelled', sid: 'sub_w' });
  await t.call(
    'POST',
    `/v1/sessions/${cancelled.sessionId}/cancel`,
    { sessionKey: cancelled.sessionKey, reasonId: 'not_using' },
    { 'idempotency-key': 'w2' },
  );
  const abandoned = await openSession(t, { sub: 'w_abandoned' });
  await t.call('POST', '/v1/events', {
    events: [event(abandoned.sessionId, 'session_abandoned', {})],
    keys: { [abandoned.sessionId]: abandoned.sessionKey },
  });
}

function outbox(dbFile: string) {
  const db = new SQLite(dbFile, { readonly: true });
  try {
    return db.prepare('select id, type, attempts, delivered_at from webhook_outbox').all() as {
      id: string;
      type: string;
      attempts: number;
      delivered_at: string | null;
    }[];
  } finally {
    db.close();
  }
}

/** A receiver that got the 5 webhooks of `produceWebhooks` from a running server. */
async function receiveAllWebhooks(): Promise<Receiver> {
  const receiver = new Receiver();
  await receiver.up();
  cleanups.push(() => receiver.down());
  const t = await startTestServer({ webhookUrl: receiver.url });
  cleanups.push(() => t.close());
  await produceWebhooks(t);
  await until(() => receiver.received.length >= 5, 10_000, '5 webhooks');
  return receiver;
}

describe('outbound webhooks', () => {
  it('are signed, carry their delivery id, and each type is sent for what happened', async () => {
    const receiver = await receiveAllWebhooks();
    const now = Math.floor(Date.now() / 1000);
    const bodies = receiver.received.map((d) => {
      expect(verifySignature(WEBHOOK_SECRET, d.body, String(d.headers['cancelflow-signature']), now)).toBe(true);
      const body = JSON.parse(d.body);
      expect(d.headers['cancelflow-delivery']).toBe(body.id);
      return body;
    });
    expect(bodies.map((b) => b.type).sort()).toEqual([
      'offer.accepted',
      'session.completed',
      'session.completed',
      'session.completed',
      'subscription.cancelled',
    ]);
    const cancelled = bodies.find((b) => b.type === 'subscription.cancelled');
    expect(cancelled.data).toMatchObject({ subscriber: { sub: 'w_cancelled', sid: 'sub_w' }, reasonId: 'not_using' });
    expect(cancelled.data.receipt.id).toMatch(/^rcp_/);
    const statuses = bodies
      .filter((b) => b.type === 'session.completed')
      .map((b) => b.data.status)
      .sort();
    expect(statuses).toEqual(['abandoned', 'cancelled', 'saved']);
  });

  it('each type has exactly the shape docs/server.md documents, with subscriber as { sub, sid? }', async () => {
    const documented = webhookShapes();
    expect(Object.keys(documented).sort()).toEqual(['offer.accepted', 'session.completed', 'subscription.cancelled']);
    const receiver = await receiveAllWebhooks();
    for (const { body } of receiver.received) {
      const { type, data } = JSON.parse(body);
      const shape = documented[type];
      expect(shape, type).toBeDefined();
      const keys = Object.keys(data);
      for (const field of shape?.required ?? []) expect(keys, `${type} lacks ${field}`).toContain(field);
      for (const key of keys)
        expect([...(shape?.required ?? []), ...(shape?.optional ?? [])], `${type}.${key}`).toContain(key);
      expect(
        Object.keys(data.subscriber).filter((k) => k !== 'sub' && k !== 'sid'),
        type,
      ).toEqual([]);
      expect(typeof data.subscriber.sub, `${type} (${data.status})`).toBe('string');
    }
  });

  it('reach a receiver that was down, exactly once per delivery id, also across a server restart', async () => {
    const receiver = new Receiver();
    await receiver.up();
    await receiver.down(); // keeps its port number; nothing listens there now
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const first = await startTestServer({ webhookUrl: receiver.url, dir: dir.path });
    await produceWebhooks(first);
    const dbFile = first.dbFile;
    // Every delivery has failed at least once while the receiver was down.
    await until(
      () => outbox(dbFile).every((r) => r.attempts >= 1) && outbox(dbFile).length === 5,
      10_000,
      'failed attempts',
    );
    await first.server.close();

    const second = await startTestServer({ webhookUrl: receiver.url, dir: dir.path });
    cleanups.push(() => second.server.close());
    // The receiver comes back, failing its very first request with a 500 once more.
    receiver.respond = (_delivery, index) => (index === 0 ? 500 : 200);
    await receiver.up();
    cleanups.push(() => receiver.down());
    await until(() => outbox(dbFile).every((r) => r.delivered_at !== null), 15_000, 'all delivered');

    const accepted = receiver.received.slice(1).map((d) => String(d.headers['cancelflow-delivery']));
    const expected = outbox(dbFile)
      .map((r) => r.id)
      .sort();
    // A receiver de-duplicating by delivery id processes each webhook once: the set of ids it
    // acknowledged is exactly the outbox, and (here, with no lost responses) no id came twice.
    expect([...new Set(accepted)].sort()).toEqual(expected);
    expect(accepted).toHaveLength(expected.length);
    // The 500 was retried: its id is among the acknowledged ones.
    expect(accepted).toContain(String(receiver.received[0]?.headers['cancelflow-delivery']));
    // Nothing is sent again once delivered.
    const count = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(count);
  });
});

/** A site's endpoint that answers nothing until the test lets it: a slow receiver, without timing. */
async function heldReceiver() {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => held.push(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const release = () => {
    for (const res of held.splice(0)) res.writeHead(200).end();
  };
  let open = true;
  cleanups.push(async () => {
    open = false;
    release();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    held: () => held.length,
    /** Answers every request held so far, and each later one at once. */
    release() {
      release();
      server.removeAllListeners('request');
      server.on('request', (req, res) => req.resume().on('end', () => (open ? res.writeHead(200) : res).end()));
    },
  };
}

async function abandon(t: TestServer, site: 'acme' | 'exp', sub: string): Promise<void> {
  const session = await openSession(t, { sub }, site);
  const reply = await t.call('POST', '/v1/events', {
    events: [event(session.sessionId, 'session_abandoned', {})],
    keys: { [session.sessionId]: session.sessionKey },
  });
  expect(reply.status).toBe(200);
}

describe('one slow webhook receiver', () => {
  it("holds at most half the sender's slots: another site's webhooks go out meanwhile, queued before or after", async () => {
    const slow = await heldReceiver();
    const fast = new Receiver();
    await fast.up();
    cleanups.push(() => fast.down());
    const t = await startTestServer({
      webhookUrl: slow.url,
      expWebhookUrl: fast.url,
      webhooks: { pollMs: 50, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 60_000, concurrency: 8 },
    });
    cleanups.push(() => t.close());
    for (let i = 0; i < 10; i++) await abandon(t, 'acme', `slow_${i}`);
    await abandon(t, 'exp', 'fast_before');
    await until(() => fast.received.length === 1, 20_000, "the other site's first webhook");
    // Queued while the slow site's deliveries hang: it goes out without waiting for them either.
    await abandon(t, 'exp', 'fast_after');
    await until(() => fast.received.length === 2, 20_000, "the other site's second webhook");
    // Half of the 8 slots, none answered yet: the other 6 of the slow site's wait.
    await until(() => slow.held() === 4, 20_000, "the slow site's four deliveries");
    slow.release();
    await until(
      () => outbox(t.dbFile).every((row) => row.delivered_at !== null),
      20_000,
      'every webhook delivered once the slow receiver answers',
    );
    expect(outbox(t.dbFile)).toHaveLength(12);
  });
});

describe('backoffMs', () => {
  it('grows exponentially, is capped, and is jittered', () => {
    const options = { ...DEFAULT_WEBHOOK_OPTIONS, baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect(backoffMs(1, options, () => 1)).toBe(1000);
    expect(backoffMs(4, options, () => 1)).toBe(8000);
    expect(backoffMs(30, options, () => 1)).toBe(60_000);
    expect(backoffMs(4, options, () => 0.5)).toBe(4000);
    expect(backoffMs(4, options, () => 0)).toBe(500);
  });
});

/** The webhook table of docs/server.md: for each type, its required and optional (`?`) data fields. */
function webhookShapes(): Record<string, { required: string[]; optional: string[] }> {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/server.md', import.meta.url)), 'utf8');
  const shapes: Record<string, { required: string[]; optional: string[] }> = {};
  for (const [, type, fields] of doc.matchAll(/^\| `([a-z]+\.[a-z]+)` +\| `([^`]+)` +\|$/gm)) {
    const list = (fields as string).split(',').map((f) => f.trim());
    shapes[type as string] = {
      required: list.filter((f) => !f.endsWith('?')),
      optional: list.filter((f) => f.endsWith('?')).map((f) => f.slice(0, -1)),
    };
  }
  return shapes;
}
