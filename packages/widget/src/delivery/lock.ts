import { randomId } from '@cancelflow/core';
import type { KeyValueStore } from './storage.ts';

/** Runs `work` if this tab gets the lock now; resolves undefined, without waiting, if another tab holds it. */
export type TryLock = <T>(work: () => Promise<T>) => Promise<T | undefined>;

/**
 * Without Web Locks: a lease in shared storage. Two tabs can still race between reading and writing
 * the lease; then both send the same events, which the backend de-duplicates by id.
 */
export function leaseLock(store: KeyValueStore, key: string, leaseMs = 30_000, now = Date.now): TryLock {
  const me = randomId();
  const holder = () => (store.get(key) ?? '').split(' ');
  return async (work) => {
    const [owner, until] = holder();
    if (owner && owner !== me && Number(until) > now()) return undefined;
    store.set(key, `${me} ${now() + leaseMs}`);
    if (holder()[0] !== me) return undefined;
    try {
      return await work();
    } finally {
      if (holder()[0] === me) store.remove(key);
    }
  };
}

/** Web Locks where the browser has them (they are released even when a tab crashes), else a lease. */
export function tabLock(store: KeyValueStore, name: string): TryLock {
  const locks = globalThis.navigator?.locks;
  if (!locks) return leaseLock(store, name);
  return (work) => locks.request(name, { ifAvailable: true }, (lock) => (lock ? work() : undefined));
}
