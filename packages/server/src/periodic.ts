/**
 * Runs `task` every `intervalMs`, never two runs at once (a slow run delays the next); `stop()` ends
 * the schedule and waits for a run in progress. Errors are the task's to report.
 */
export function every(intervalMs: number, task: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = task().finally(() => {
      running = undefined;
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
