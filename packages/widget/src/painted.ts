/**
 * Resolves after the frame that shows what was just rendered (or after 100 ms, should the tab be
 * hidden and frames stop): work that can wait for it — a request, fetching code for later — then
 * takes no time from that frame.
 */
export const painted = (): Promise<void> =>
  new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
