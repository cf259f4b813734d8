/**
 * The engine's observable values: one state, and values derived from it. Small on purpose (the
 * engine is on the widget's click path, where every byte counts), with the shape of a signal:
 * `value` and `peek()` read, `subscribe()` watches.
 */
export interface ReadonlySignal<T> {
  readonly value: T;
  /** The same as `value` (kept so that code written against signals reads the same). */
  peek(): T;
  /**
   * Calls `listener` with the value now and then after every change, until the returned function is
   * called. A listener that throws does not keep the others from running; the change's writer gets
   * the first error once every listener has run.
   */
  subscribe(listener: (value: T) => void): () => void;
}

export interface Store<T> extends ReadonlySignal<T> {
  value: T;
}

export function store<T>(initial: T): Store<T> {
  let current = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get value() {
      return current;
    },
    set value(next: T) {
      if (Object.is(next, current)) return;
      current = next;
      let failure: { error: unknown } | undefined;
      for (const listener of [...listeners]) {
        try {
          listener(next);
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
    },
    peek: () => current,
    subscribe(listener) {
      listener(current);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A value computed from `source`, recomputed only when the source changed (so a view that reads it
 * twice gets the same object), and announced to its subscribers only when it changed.
 */
export function derived<S, T>(source: ReadonlySignal<S>, compute: (value: S) => T): ReadonlySignal<T> {
  let seen: { source: S; value: T } | undefined;
  const read = () => {
    const now = source.peek();
    if (!seen || !Object.is(seen.source, now)) seen = { source: now, value: compute(now) };
    return seen.value;
  };
  return {
    get value() {
      return read();
    },
    peek: read,
    subscribe(listener) {
      let last: { value: T } | undefined;
      return source.subscribe(() => {
        const value = read();
        if (last && Object.is(last.value, value)) return;
        last = { value };
        listener(value);
      });
    },
  };
}
