/**
 * Fault injection: 10,000 events from two "tabs" sharing one outbox, over real HTTP on loopback, into
 * a real SQLite file, through a backend that drops connections, fails with 500s, loses responses
 * after committing, answers twice for one request, and acknowledges only part of a batch. Whatever
 * happens, every event must end up stored exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { FlowEvent } from '@cancelflow/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { httpAdapter } from '../src/adapters/http.ts';
import { createDelivery } from '../src/delivery/delivery.ts';
import { leaseLock } from '../src/delivery/lock.ts';
import { memoryStore } from '../src/delivery/storage.ts';

const TOTAL = 10_000;

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Fault = 'drop' | 'error500' | 'lostResponse' | 'storedThen503' | 'duplicated' | 'partialAck' | 'ok';

let dir: string;
let db: DatabaseSync;
let server: Server;
let endpoint: string;
const faults: Record<Fault, number> = {
  drop: 0,
  error500: 0,
  lostResponse: 0,
  storedThen503: 0,
  duplicated: 0,
  partialAck: 0,
  ok: 0,
};
let received = 0;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Stores a batch in one transaction, de-duplicating by event id, as the protocol asks. */
function ingest(events: FlowEvent[]): { stored: string[]; duplicates: string[] } {
  const insert = db.prepare(
    'INSERT INTO events (id, session_id, type, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const stored: string[] = [];
  const duplicates: string[] = [];
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const event of events) {
      const { changes } = insert.run(event.id, event.sessionId, event.type, JSON.stringify(event));
      (changes ? stored : duplicates).push(event.id);
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  return { stored, duplicates };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cancelflow-faults-'));
  db = new DatabaseSync(join(dir, 'events.db'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(
    'CREATE TABLE events (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL)',
  );
  const random = prng(20260301);
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const { events } = JSON.parse(body) as { events: FlowEvent[] };
    received += events.length;
    const roll = random();
    const fault: Fault =
      roll < 0.1
        ? 'drop'
        : roll < 0.2
          ? 'error500'
          : roll < 0.3
            ? 'lostResponse'
            : roll < 0.35
              ? 'storedThen503'
              : roll < 0.45
                ? 'duplicated'
                : roll < 0.5
                  ? 'partialAck'
                  : 'ok';
    faults[fault]++;
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    switch (fault) {
      case 'drop':
        return req.socket.destroy();
      case 'error500':
        return json(500, { error: { code: 'internal', message: 'injected' } });
      case 'lostResponse':
        ingest(events);
        return req.socket.destroy();
      case 'storedThen503':
        ingest(events);
        return json(503, { error: { code: 'unavailable', message: 'injected' } });
      case 'duplicated':
        ingest(events); // the same request processed twice: the second answer is all duplicates
        return json(200, ingest(events));
      case 'partialAck': {
        const ack = ingest(events);
        return json(200, { stored: ack.stored.slice(0, ack.stored.length >> 1), duplicates: [] });
      }
      case 'ok':
        return json(200, ingest(events));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('10,000 events through a flaky backend: zero lost, zero duplicated in storage', { timeout: 600_000 }, async () => {
  const random = prng(7);
  const adapter = httpAdapter({ endpoint, retries: 2, timeoutMs: 5000, sleep: async () => {}, random });
  const store = memoryStore(); // shared by both tabs, as localStorage is
  const tab = () =>
    createDelivery({
      adapter,
      store,
      lock: leaseLock(store, 'cancelflow:lease'),
      maxEvents: TOTAL,
      maxBytes: 16 * 1024 * 1024,
      delayMs: 1,
      retryMs: () => 1,
    });
  const tabs = [tab(), tab()];
  const sent: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const event: FlowEvent = {
      id: `evt-${i}`,
      sessionId: `s-${i % 97}`,
      at: new Date(Date.UTC(2026, 2, 1, 0, 0, i)).toISOString(),
      type: 'step_viewed',
      payload: { stepId: `step-${i % 5}`, stepType: 'survey' },
    };
    sent.push(event.id);
    tabs[i % 2]?.push(event, `key-${i % 97}`);
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve)); // events arrive over time, as sends go on
  }
  for (let round = 0; round < 10_000 && (tabs[0]?.pending() ?? 0) > 0; round++) {
    await Promise.all(tabs.map((t) => t.flush()));
  }
  for (const t of tabs) t.stop();

  expect(tabs[0]?.pending()).toBe(0);
  const rows = db.prepare('SELECT id FROM events ORDER BY id').all() as { id: string }[];
  expect(rows).toHaveLength(TOTAL);
  expect(rows.map((r) => r.id)).toEqual([...sent].sort());
  const dupes = db.prepare('SELECT id, COUNT(*) AS n FROM events GROUP BY id HAVING n > 1').all();
  expect(dupes).toEqual([]);
  // The faults really happened, and really caused events to be sent more than once.
  for (const fault of Object.keys(faults) as Fault[]) expect(faults[fault], fault).toBeGreaterThan(0);
  expect(received).toBeGreaterThan(TOTAL);
});
