import { type Adapter, AdapterError, type BeaconAdapter, type FlowEvent } from '@cancelflow/core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createDelivery, type DeliveryOptions } from '../src/delivery/delivery.ts';
import { leaseLock, tabLock } from '../src/delivery/lock.ts';
import { browserStore, type KeyValueStore, memoryStore } from '../src/delivery/storage.ts';

const event = (id: string, sessionId = 's1', text = ''): FlowEvent => ({
  id,
  sessionId,
  at: '2026-03-01T10:00:00.000Z',
  type: 'feedback_submitted',
  payload: { stepId: 'feedback', text },
});

/** A backend that records each batch and can be told to fail. */
function backend(fail: (events: readonly FlowEvent[]) => AdapterError | undefined = () => undefined) {
  const batches: { ids: string[]; keys: Record<string, string> }[] = [];
  const adapter: Adapter = {
    startSession: () => Promise.reject(new Error('not used')),
    acceptOffer: () => Promise.reject(new Error('not used')),
    confirmCancel: () => Promise.reject(new Error('not used')),
    async sendEvents(events, keys) {
      const failure = fail(events);
      if (failure) throw failure;
      batches.push({ ids: events.map((e) => e.id), keys: { ...keys } });
    },
  };
  const delivered = () => batches.flatMap((b) => b.ids);
  return { adapter, batches, delivered };
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `e${from + i}`);

let stores: KeyValueStore[] = [];
function delivery(options: Partial<DeliveryOptions> & Pick<DeliveryOptions, 'adapter'>) {
  const store = options.store ?? memoryStore();
  stores.push(store);
  return createDelivery({ store, retryMs: () => 1000, ...options });
}

beforeEach(() => {
  stores = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('batching', () => {
  test('events pushed together go out as one request after the gathering delay', async () => {
    const { adapter, batches } = backend();
    const d = delivery({ adapter, delayMs: 100 });
    d.push(event('a'), 'k1');
    d.push(event('b', 's2'), 'k2');
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([{ ids: ['a', 'b'], keys: { s1: 'k1', s2: 'k2' } }]);
    expect(d.pending()).toBe(0);
  });

  test('a full batch goes at once; a long queue is split into batches of batchSize, oldest first', async () => {
    const { adapter, batches, delivered } = backend();
    const store = memoryStore();
    // An earlier page left 120 events behind.
    const earlier = delivery({ adapter: backend(() => new AdapterError('unavailable', 'down')).adapter, store });
    for (const id of ids(0, 120)) {
      earlier.push(event(id), 'k1');
      await vi.advanceTimersByTimeAsync(1); // distinct times keep the order visible
    }
    earlier.stop();
    const d = delivery({ adapter, store, batchSize: 50 });
    await d.flush();
    expect(batches.map((b) => b.ids.length)).toEqual([50, 50, 20]);
    expect(delivered()).toEqual(ids(0, 120));
  });

  test('reaching batchSize sends without waiting for the delay', async () => {
    const { adapter, batches } = backend();
    const d = delivery({ adapter, batchSize: 3, delayMs: 10_000 });
    for (const id of ['a', 'b', 'c']) d.push(event(id), 'k');
    await vi.advanceTimersByTimeAsync(0);
    expect(batches.map((b) => b.ids)).toEqual([['a', 'b', 'c']]);
  });
});

describe('idle time', () => {
  test('a due send waits for the page to be idle (input and rendering first), two seconds at most', async () => {
    const idle: { run: () => void; timeout: number | undefined }[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout?: number }) => {
      idle.push({ run, timeout: options?.timeout });
      return idle.length;
    });
    try {
      const { adapter, batches } = backend();
      const d = delivery({ adapter, delayMs: 100 });
      d.push(event('a'), 'k1');
      await vi.advanceTimersByTimeAsync(100);
      expect(batches).toHaveLength(0);
      expect(idle.map((i) => i.timeout)).toEqual([2000]);
      idle[0]?.run();
      await vi.advanceTimersByTimeAsync(0);
      expect(batches.map((b) => b.ids)).toEqual([['a']]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('acknowledgement', () => {
  test('events stay until the backend acknowledges them, and are retried later', async () => {
    let down = true;
    const { adapter, delivered } = backend(() => (down ? new AdapterError('unavailable', 'down') : undefined));
    const d = delivery({ adapter, retryMs: (n) => n * 1000 });
    d.push(event('a'), 'k');
    d.push(event('b'), 'k');
    await vi.advanceTimersByTimeAsync(100);
    expect(d.pending()).toBe(2);
    down = false;
    await vi.advanceTimersByTimeAsync(999);
    expect(delivered()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(delivered()).toEqual(['a', 'b']);
    expect(d.pending()).toBe(0);
  });

  test('retries back off: each failure waits retryMs(failures)', async () => {
    const attempts: number[] = [];
    const adapter: Adapter = {
      ...backend().adapter,
      async sendEvents() {
        attempts.push(Date.now());
        throw new AdapterError('unavailable', 'down');
      },
    };
    const start = Date.now();
    const d = delivery({ adapter, delayMs: 100, retryMs: (n) => 1000 * 2 ** (n - 1) });
    d.push(event('a'), 'k');
    await vi.advanceTimersByTimeAsync(100 + 1000 + 2000 + 4000);
    expect(attempts.map((t) => t - start)).toEqual([100, 1100, 3100, 7100]);
  });

  test('a batch the backend calls invalid is split until the one bad event is found and dropped', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { adapter, delivered } = backend((events) =>
      events.some((e) => e.id === 'bad') ? new AdapterError('invalid', 'malformed event') : undefined,
    );
    const d = delivery({ adapter, batchSize: 8 });
    for (const id of ['a', 'b', 'c', 'bad', 'd', 'e', 'f', 'g']) d.push(event(id), 'k');
    await d.flush();
    expect(delivered().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(d.pending()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropped event bad'));
  });

  test('what an earlier page left behind is sent by the next one', async () => {
    const store = memoryStore();
    const first = delivery({ adapter: backend(() => new AdapterError('unavailable', 'down')).adapter, store });
    first.push(event('a'), 'k1');
    first.push(event('b', 's2'), 'k2');
    first.stop();
    const { adapter, batches } = backend();
    await delivery({ adapter, store }).flush();
    expect(batches).toEqual([{ ids: ['a', 'b'], keys: { s1: 'k1', s2: 'k2' } }]);
  });

  test('an unreadable stored entry is discarded instead of blocking the queue', async () => {
    const store = memoryStore();
    store.set('cancelflow:e:1:broken', '{not json');
    const { adapter, delivered } = backend();
    const d = delivery({ adapter, store });
    d.push(event('a'), 'k');
    await d.flush();
    expect(delivered()).toEqual(['a']);
    expect(store.keys('cancelflow:')).toEqual([]);
  });

  test('a stored entry whose key claims a huge length does not push out the events waiting before it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = memoryStore();
    const down = backend(() => new AdapterError('unavailable', 'down'));
    const first = delivery({ adapter: down.adapter, store, delayMs: 60_000 });
    first.push(event('a'), 'k');
    first.push(event('b'), 'k');
    first.stop();
    // Written by no widget (tampered, or a half-understood key): it says its value is a gigabyte.
    store.set('cancelflow:e:9999999999999:999999999:x', JSON.stringify([event('x'), 'k']));
    const { adapter, delivered } = backend();
    const d = delivery({ adapter, store, delayMs: 60_000 });
    d.push(event('c'), 'k');
    await d.flush();
    expect(delivered().sort()).toEqual(['a', 'b', 'c']); // and not x, removed as written by no outbox
  });
});

describe('several backends on one site', () => {
  const withEndpoint = (endpoint: string) => {
    const b = backend();
    return { ...b, adapter: { ...b.adapter, endpoint } };
  };

  test("each delivery sends only its own backend's events, and those an older version stored without one", async () => {
    const store = memoryStore();
    store.set('cancelflow:e:1:20:old', JSON.stringify([event('old'), 'k'])); // before endpoints were named
    const down = backend(() => new AdapterError('unavailable', 'down'));
    const a = delivery({ adapter: { ...down.adapter, endpoint: 'https://a.example' } as Adapter, store });
    a.push(event('for-a'), 'k');
    a.stop();
    const b = withEndpoint('https://b.example');
    await delivery({ adapter: b.adapter, store }).flush();
    expect(b.delivered()).toEqual(['old']);
    const later = withEndpoint('https://a.example');
    await delivery({ adapter: later.adapter, store }).flush();
    expect(later.delivered()).toEqual(['for-a']);
  });
});

describe('bounds', () => {
  test('over maxEvents the oldest are dropped, counted in a delivery_overflow warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { adapter, delivered } = backend(() => new AdapterError('unavailable', 'down'));
    const d = delivery({ adapter, maxEvents: 5, delayMs: 60_000 });
    for (const id of ids(0, 8)) {
      d.push(event(id), 'k');
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(d.pending()).toBe(5);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn.mock.calls[2]?.[0]).toMatch(/delivery_overflow.*3 so far/);
    const after = backend();
    await delivery({ adapter: after.adapter, store: stores[0] }).flush();
    expect(after.delivered()).toEqual(ids(3, 8));
    expect(delivered()).toEqual([]);
  });

  test('over maxBytes the oldest are dropped too', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { adapter } = backend(() => new AdapterError('unavailable', 'down'));
    const d = delivery({ adapter, maxBytes: 2000, delayMs: 60_000 });
    for (const id of ids(0, 10)) {
      d.push(event(id, 's1', 'x'.repeat(300)), 'k');
      await vi.advanceTimersByTimeAsync(1);
    }
    const kept = stores[0]?.keys('cancelflow:e:') ?? [];
    const bytes = kept.reduce((sum, key) => sum + key.length + (stores[0]?.get(key)?.length ?? 0), 0);
    expect(bytes).toBeLessThanOrEqual(2000);
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.sort().at(-1)).toContain(':e9');
  });
});

describe('storage that fails', () => {
  test('no localStorage at all (private mode, blocked cookies): events live in memory and are sent', async () => {
    const store = browserStore(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const { adapter, delivered } = backend();
    const d = delivery({ adapter, store });
    expect(() => d.push(event('a'), 'k')).not.toThrow();
    expect(d.pending()).toBe(1);
    await d.flush();
    expect(delivered()).toEqual(['a']);
  });

  test('a full quota: what does not fit is kept in memory, the rest stays in storage', async () => {
    const data = new Map<string, string>();
    const storage = {
      get length() {
        return data.size;
      },
      key: (i: number) => [...data.keys()][i] ?? null,
      getItem: (k: string) => data.get(k) ?? null,
      setItem(k: string, v: string) {
        if (data.size >= 2) throw new DOMException('quota', 'QuotaExceededError');
        data.set(k, v);
      },
      removeItem: (k: string) => void data.delete(k),
      clear: () => data.clear(),
    } satisfies Storage;
    const { adapter, delivered } = backend();
    const d = delivery({ adapter, store: browserStore(() => storage), delayMs: 60_000 });
    for (const id of ['a', 'b', 'c', 'd']) {
      d.push(event(id), 'k');
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(data.size).toBe(2);
    expect(d.pending()).toBe(4);
    await d.flush();
    expect(delivered()).toEqual(['a', 'b', 'c', 'd']);
    expect(data.size).toBe(0);
  });
});

describe('two tabs sharing one outbox', () => {
  for (const [name, lockFor] of [
    ['Web Locks', (store: KeyValueStore) => tabLock(store, 'test-lock')],
    ['a storage lease', (store: KeyValueStore) => leaseLock(store, 'cancelflow:lease')],
  ] as const) {
    test(`with ${name}, one tab sends while the other waits, and every event goes out once`, async () => {
      vi.useRealTimers();
      const store = memoryStore();
      let inFlight = 0;
      let maxInFlight = 0;
      const sent: string[] = [];
      const adapter: Adapter = {
        ...backend().adapter,
        async sendEvents(events) {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          sent.push(...events.map((e) => e.id));
          inFlight--;
        },
      };
      const tabA = createDelivery({ adapter, store, lock: lockFor(store), batchSize: 10, delayMs: 1 });
      const tabB = createDelivery({ adapter, store, lock: lockFor(store), batchSize: 10, delayMs: 1 });
      for (const id of ids(0, 60)) (Number(id.slice(1)) % 2 ? tabA : tabB).push(event(id), 'k');
      await Promise.all([tabA.flush(), tabB.flush()]);
      await vi.waitFor(() => expect(tabA.pending()).toBe(0), { timeout: 5000 });
      expect(maxInFlight).toBe(1);
      expect(sent.sort()).toEqual(ids(0, 60).sort());
      tabA.stop();
      tabB.stop();
    });
  }

  test('a lease left by a crashed tab expires', async () => {
    const store = memoryStore();
    let now = 1_000;
    store.set('lease', `someone-else ${now + 30_000}`);
    const lock = leaseLock(store, 'lease', 30_000, () => now);
    expect(await lock(async () => 'ran')).toBeUndefined();
    now += 30_001;
    expect(await lock(async () => 'ran')).toBe('ran');
    expect(store.get('lease')).toBeNull();
  });
});

describe('leaving the page', () => {
  test('hide() hands waiting events to the beacon and keeps them until acknowledged', async () => {
    const beacons: string[][] = [];
    const base = backend(() => new AdapterError('unavailable', 'down'));
    const adapter: BeaconAdapter = {
      ...base.adapter,
      beacon(events, keys) {
        beacons.push(events.map((e) => `${e.id}@${keys[e.sessionId]}`));
        return true;
      },
    };
    const d = delivery({ adapter, delayMs: 60_000 });
    d.push(event('a'), 'k1');
    d.push(event('b', 's2'), 'k2');
    d.hide();
    expect(beacons).toEqual([['a@k1', 'b@k2']]);
    expect(d.pending()).toBe(2);
  });

  test('a beacon stays under 64 KB: the rest waits for the next page', () => {
    const beacons: number[] = [];
    const adapter: BeaconAdapter = {
      ...backend().adapter,
      beacon(events) {
        beacons.push(JSON.stringify(events).length);
        return true;
      },
    };
    const d = delivery({ adapter, delayMs: 60_000 });
    for (const id of ids(0, 40)) d.push(event(id, 's1', 'y'.repeat(4000)), 'k');
    d.hide();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]).toBeLessThan(64 * 1024);
    expect(d.pending()).toBe(40);
  });

  test('an adapter without a beacon is flushed instead', async () => {
    const { adapter, delivered } = backend();
    const d = delivery({ adapter, delayMs: 60_000 });
    d.push(event('a'), 'k');
    d.hide();
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered()).toEqual(['a']);
  });
});
