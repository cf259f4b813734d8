/**
 * `load()` run once, its promise shared by every caller until it rejects; a rejection is forgotten,
 * so the next call tries again (a chunk or file that failed to load once, say offline, may load later).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/** `loadOnce` for each key (a URL, a locale): one shared promise per key, forgotten when it rejects. */
export function loadOncePer<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const loads = new Map<string, () => Promise<T>>();
  return (key) => {
    const once = loads.get(key) ?? loadOnce(() => load(key));
    loads.set(key, once);
    return once();
  };
}
