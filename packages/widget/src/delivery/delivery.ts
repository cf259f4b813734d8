import type { Adapter, BeaconAdapter, FlowEvent } from '@cancelflow/core';
import { STORAGE_PREFIX } from '../runner/contract.ts';
import { type TryLock, tabLock } from './lock.ts';

export { closeOnLeave } from './leave.ts';

import { createOutbox, type OutboxEntry } from './outbox.ts';
import { browserStore, type KeyValueStore } from './storage.ts';

export interface DeliveryOptions {
  readonly adapter: Adapter | BeaconAdapter;
  /** Default: `localStorage`, falling back to memory. */
  readonly store?: KeyValueStore;
  /** Default: Web Locks, else a lease in `store`. */
  readonly lock?: TryLock;
  /** Storage key prefix; one outbox per prefix. Default `cancelflow:`. */
  readonly prefix?: string;
  /** Events per request. Default 50. */
  readonly batchSize?: number;
  /** How long to gather events before sending. Default 100 ms. */
  readonly delayMs?: number;
  /** Outbox bounds; the oldest events go first. Default 1,000 events / 256 KB. */
  readonly maxEvents?: number;
  readonly maxBytes?: number;
  /** Wait before the n-th retry after a failed send. Default 1 s doubling up to 60 s. */
  readonly retryMs?: (failures: number) => number;
}

export interface Delivery {
  /** Stores the event at once (it survives a reload) and sends it soon. */
  push(event: FlowEvent, sessionKey: string): void;
  /** Sends everything waiting; resolves when the outbox is empty or a send failed (a retry is then scheduled). */
  flush(): Promise<void>;
  /** Events not yet acknowledged. */
  pending(): number;
  /** The page is going away: hand what is waiting to the browser (beacon or keepalive). */
  hide(): void;
  /** Stops timers and page listeners; stored events stay for the next page. */
  stop(): void;
}

/**
 * Sending is background work: once due, it waits for a moment the page is idle, so that it never
 * takes a frame from the subscriber's input or the modal's rendering (a click that comes just after
 * a close paints first), and at most `IDLE_WAIT_MS` on a page that is never idle. Where the browser
 * has no idle callbacks (Safari, Node), at once. Leaving the page hands events over synchronously
 * (`hide`), so the wait loses nothing.
 */
const whenIdle = (work: () => void): void => {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(work, { timeout: IDLE_WAIT_MS });
  else work();
};
const IDLE_WAIT_MS = 2000;

/** A beacon carries at most 64 KB in Chrome and Safari; stay below it. */
const BEACON_CHARS = 60_000;

/**
 * Loss-free event delivery: events wait in a bounded outbox until the backend acknowledges them,
 * are sent in batches by one tab at a time, go out by beacon when the page is hidden, and are sent
 * again on the next page load until acknowledged. Duplicates are possible by design (a beacon's
 * answer is never seen); the backend de-duplicates by event id.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { adapter, batchSize = 50, delayMs = 100, prefix = STORAGE_PREFIX } = options;
  const store = options.store ?? browserStore();
  const lock = options.lock ?? tabLock(store, `${prefix}lock`);
  const retryMs = options.retryMs ?? ((failures) => Math.min(60_000, 1000 * 2 ** (failures - 1)));
  // The default prefix gives OUTBOX_PREFIX, which the UI's `resume` looks for.
  // The http adapter names its endpoint: its events are for that server only (outbox.ts).
  const outbox = createOutbox(
    store,
    `${prefix}e:`,
    { maxEvents: options.maxEvents ?? 1000, maxBytes: options.maxBytes ?? 256 * 1024 },
    (adapter as { endpoint?: string }).endpoint,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;

  const keysOf = (entries: readonly OutboxEntry[]) =>
    Object.fromEntries(entries.map((entry) => [entry.event.sessionId, entry.sessionKey]));

  function schedule(ms: number): void {
    timer ??= setTimeout(() => {
      timer = undefined;
      whenIdle(() => void flush());
    }, ms);
  }

  /** Sends one batch under the lock. `size` shrinks when the backend calls a batch invalid, to find the bad event. */
  async function sendBatch(size: number): Promise<'empty' | 'sent' | 'failed' | number> {
    const batch = outbox.take(size);
    if (!batch.length) return 'empty';
    try {
      await adapter.sendEvents(
        batch.map((entry) => entry.event),
        keysOf(batch),
      );
    } catch (error) {
      if ((error as { code?: string }).code !== 'invalid') return 'failed';
      if (batch.length > 1) return Math.ceil(batch.length / 2);
      console.warn(`cancelflow: dropped event ${batch[0]?.event.id} the backend refuses: ${(error as Error).message}`);
    }
    outbox.remove(batch);
    return 'sent';
  }

  /** Returns false when sending failed or another tab is sending. */
  async function drain(): Promise<boolean> {
    let size = batchSize;
    for (;;) {
      const result = await lock(() => sendBatch(size));
      if (result === 'empty') return true;
      if (result === undefined) {
        schedule(1000); // another tab is sending; it may finish before seeing our newest events
        return false;
      }
      if (result === 'failed') {
        schedule(retryMs(++failures));
        return false;
      }
      if (result === 'sent') failures = 0;
      size = result === 'sent' ? batchSize : result;
    }
  }

  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    timer = undefined;
    // Nothing waiting: no lock either. Leaving the page flushes (`hide`), and a lock granted after the
    // page is frozen runs code there, for which Chromium keeps the page out of its back/forward cache:
    // once a flow had run, "back" would load the page again instead of restoring it.
    if (!outbox.size()) return Promise.resolve();
    running = (async () => {
      do {
        again = false;
      } while ((await drain()) && again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  // Outbox keys this page has handed to a beacon: leaving fires both `visibilitychange` and `pagehide`,
  // and the second must not send the same events again (they stay in the outbox until acknowledged).
  const handed = new Set<string>();

  function hide(): void {
    if (!('beacon' in adapter)) {
      void flush();
      return;
    }
    const batch: OutboxEntry[] = [];
    let chars = 0;
    for (const entry of outbox.take(500)) {
      if (handed.has(entry.key)) continue;
      chars += JSON.stringify(entry.event).length;
      if (chars > BEACON_CHARS) break;
      batch.push(entry);
    }
    if (
      batch.length &&
      adapter.beacon(
        batch.map((entry) => entry.event),
        keysOf(batch),
      )
    ) {
      for (const entry of batch) handed.add(entry.key);
    }
  }

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') hide();
    else handed.clear(); // back in view: a later leave hands over what is still unacknowledged
  };
  const onOnline = () => void flush();
  const page = typeof addEventListener === 'function' ? globalThis : undefined;
  page?.addEventListener('pagehide', hide);
  page?.addEventListener('visibilitychange', onVisibility);
  page?.addEventListener('online', onOnline);

  return {
    push(event, sessionKey) {
      if (outbox.add(event, sessionKey) >= batchSize) void flush();
      else schedule(delayMs);
    },
    flush,
    pending: () => outbox.size(),
    hide,
    stop() {
      clearTimeout(timer);
      timer = undefined;
      page?.removeEventListener('pagehide', hide);
      page?.removeEventListener('visibilitychange', onVisibility);
      page?.removeEventListener('online', onOnline);
    },
  };
}

const shared = new WeakMap<Adapter, Delivery>();

/**
 * This page's delivery for `adapter` (created on first use, with `options`), flushed once the page is
 * idle: whatever earlier pages left unacknowledged goes out. The loader or UI calls it on page load.
 */
export function resumeDelivery(adapter: Adapter | BeaconAdapter, options?: Omit<DeliveryOptions, 'adapter'>): Delivery {
  const delivery = shared.get(adapter) ?? createDelivery({ ...options, adapter });
  shared.set(adapter, delivery);
  whenIdle(() => void delivery.flush());
  return delivery;
}
