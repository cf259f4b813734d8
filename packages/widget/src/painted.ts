let next: Promise<void> | undefined;

/**
 * Resolves after the frame that shows what was just rendered (or after 100 ms, should the tab be
 * hidden and frames stop): work that can wait for it — a request, fetching code for later — then
 * takes no time from that frame. Callers before the same frame share one wait (one frame callback and
 * two timers, not one set each: an open asks twice, in the click's task).
 */
export function painted(): Promise<void> {
  if (next) return next;
  const waiting = new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(fallback);
      if (next === waiting) next = undefined;
      resolve();
    };
    const fallback = setTimeout(done, 100);
    requestAnimationFrame(() => setTimeout(done));
  });
  next = waiting;
  return waiting;
}
