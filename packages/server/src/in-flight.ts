interface Running {
  readonly fingerprint: string;
  readonly promise: Promise<unknown>;
}

/**
 * Work running in this process, by key. A second request for the same key does not start the work
 * again: with the same fingerprint it waits for the first and shares its answer or its error;
 * with another it is refused by the caller. The database guards across processes; this keeps
 * overlapping requests in one process from even reaching it, and lets them share one answer.
 */
export class InFlight {
  private readonly running = new Map<string, Running>();

  async once<T>(key: string, fingerprint: string, work: () => Promise<T>, differs: () => never): Promise<T> {
    const current = this.running.get(key);
    if (current) {
      if (current.fingerprint !== fingerprint) differs();
      return current.promise as Promise<T>;
    }
    // `work()` runs synchronously up to its first await, so the entry exists before any other
    // request's code runs.
    const promise = work();
    this.running.set(key, { fingerprint, promise });
    try {
      return await promise;
    } finally {
      this.running.delete(key);
    }
  }
}
