/** How long code fetched after the first screen may take once a subscriber waits for it (a decision, a step reached). */
export const CODE_DEADLINE_MS = 10_000;

/**
 * `promise`, or a rejection with "<what> did not arrive within <ms / 1000> s" if it has not settled by
 * then: code fetched after the first screen must not hold a subscriber's decision on a stalled
 * connection (the decision fails instead: an offer shows its error, a cancel fails open). The timer
 * is cleared once settled.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
