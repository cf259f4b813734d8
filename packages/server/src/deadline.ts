/**
 * `work`, or a rejection with `late()`'s error once `ms` have passed without an answer (the work itself
 * goes on: a promise cannot be stopped). `onLate` runs as the deadline passes, before the caller hears
 * of it. The timer is cleared once settled.
 */
export async function withinMs<T>(work: Promise<T>, ms: number, late: () => Error, onLate?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onLate?.();
      reject(late());
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
