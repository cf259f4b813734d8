import type { FlowEvent } from '@cancelflow/core';
import type { KeyValueStore } from './storage.ts';

export interface OutboxEntry {
  readonly key: string;
  readonly event: FlowEvent;
  readonly sessionKey: string;
  /** The backend it is for (see createOutbox's `to`); none from adapters that name none, or older versions. */
  readonly to?: string;
}

export interface OutboxLimits {
  readonly maxEvents: number;
  /** Measured in UTF-16 code units, as browsers count storage quota. */
  readonly maxBytes: number;
}

/**
 * Events waiting for the backend, one storage key per event (`<prefix><time>:<length>:<id>`), so two tabs
 * adding and removing at once never overwrite each other's writes. The time prefix orders them.
 * `to` names the backend (the http adapter's endpoint): pages of one site may send to several, sharing
 * the storage, and each takes only its own events and those that name no backend (a custom adapter's,
 * an older version's) — a backend that does not know an event's session refuses it for good.
 */
export function createOutbox(store: KeyValueStore, prefix: string, limits: OutboxLimits, to?: string) {
  let dropped = 0;
  const sortedKeys = () => store.keys(prefix).sort();
  /** The value's length is in the key, so bounding the outbox reads no values. */
  const sizeOf = (key: string) => key.length + (Number(key.slice(prefix.length).split(':')[1]) || 0);

  function read(key: string): OutboxEntry | undefined {
    try {
      const [event, sessionKey, to] = JSON.parse(store.get(key) ?? '') as [FlowEvent, string, string?];
      if (event.id) return { key, event, sessionKey, to };
    } catch {}
    store.remove(key); // unreadable (another version, a half write): nothing can send it
    return undefined;
  }

  return {
    /** Returns how many events wait now. */
    add(event: FlowEvent, sessionKey: string): number {
      const value = JSON.stringify(to ? [event, sessionKey, to] : [event, sessionKey]);
      // A key claiming more than the whole outbox may hold was not written by an outbox (tampered with,
      // another script's): it goes now, rather than pushing out every event waiting before it.
      let keys = store.keys(prefix).filter((key) => sizeOf(key) <= limits.maxBytes || void store.remove(key));
      let bytes = value.length;
      for (const key of keys) bytes += sizeOf(key);
      let drop = 0;
      if (keys.length >= limits.maxEvents || bytes > limits.maxBytes) keys = keys.sort();
      while (drop < keys.length && (keys.length - drop >= limits.maxEvents || bytes > limits.maxBytes)) {
        const oldest = keys[drop++] as string;
        bytes -= sizeOf(oldest);
        store.remove(oldest);
      }
      if (drop) {
        dropped += drop;
        console.warn(
          `cancelflow: delivery_overflow: the outbox holds at most ${limits.maxEvents} events / ${limits.maxBytes} bytes while the backend is unreachable; dropped the oldest (${dropped} so far).`,
        );
      }
      store.set(`${prefix}${Date.now()}:${value.length}:${event.id}`, value);
      return keys.length - drop + 1;
    },
    /** The oldest `count` entries. */
    take(count: number): OutboxEntry[] {
      const entries: OutboxEntry[] = [];
      for (const key of sortedKeys()) {
        if (entries.length >= count) break;
        const entry = read(key);
        if (entry && (entry.to ?? to) === to) entries.push(entry);
      }
      return entries;
    },
    remove(entries: readonly OutboxEntry[]): void {
      for (const entry of entries) store.remove(entry.key);
    },
    size: (): number => store.keys(prefix).length,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
