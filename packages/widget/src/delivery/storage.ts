/** The little of `Storage` the outbox needs, so tests and other runtimes can pass their own. */
export interface KeyValueStore {
  get(key: string): string | null;
  /** May throw (quota exceeded). */
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Every key that starts with `prefix`, in any order. */
  keys(prefix: string): string[];
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
    keys: (prefix) => [...map.keys()].filter((key) => key.startsWith(prefix)),
  };
}

/**
 * `localStorage`, shared by the site's tabs and kept across page loads. Whatever it refuses — no
 * storage at all (Safari private mode, blocked cookies, server-side rendering) or a full quota — is
 * kept in this page's memory instead, so callers never see a throw.
 */
export function browserStore(local: () => Storage = () => globalThis.localStorage): KeyValueStore {
  const memory = memoryStore();
  const attempt = <T>(run: (storage: Storage) => T, otherwise: T): T => {
    try {
      return run(local());
    } catch {
      return otherwise;
    }
  };
  return {
    get: (key) => memory.get(key) ?? attempt((storage) => storage.getItem(key), null),
    set(key, value) {
      const saved = attempt((storage) => {
        storage.setItem(key, value);
        return true;
      }, false);
      if (saved) memory.remove(key);
      else memory.set(key, value);
    },
    remove(key) {
      memory.remove(key);
      attempt((storage) => storage.removeItem(key), undefined);
    },
    keys(prefix) {
      const stored = attempt((storage) => {
        const found: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (key?.startsWith(prefix)) found.push(key);
        }
        return found;
      }, []);
      return [...new Set([...stored, ...memory.keys(prefix)])];
    },
  };
}
