import { afterEach, expect, test, vi } from 'vitest';
import { painted } from '../../src/painted.ts';

// painted() (src/painted.ts) resolves after the frame that shows the first screen, or after 100 ms in
// a hidden tab; calls before the same frame share one wait.

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function frames() {
  const waiting: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => waiting.push(callback));
  return {
    count: () => waiting.length,
    run: () => {
      for (const callback of waiting.splice(0)) callback(0);
    },
  };
}

test('calls before one frame share one wait, resolved in the task after that frame; a later call waits for the next', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const frame = frames();
  const first = painted();
  expect(painted()).toBe(first);
  expect(frame.count()).toBe(1);
  let resolved = false;
  void first.then(() => {
    resolved = true;
  });
  await vi.advanceTimersByTimeAsync(50);
  expect(resolved).toBe(false);
  frame.run();
  await vi.advanceTimersByTimeAsync(0);
  expect(resolved).toBe(true);
  expect(vi.getTimerCount()).toBe(0); // the hidden-tab fallback is cleared
  expect(painted()).not.toBe(first);
  expect(frame.count()).toBe(1);
  frame.run(); // settles that wait too, so that the next test starts with none
  await vi.advanceTimersByTimeAsync(0);
});

test('in a hidden tab, where frames stop, it resolves after 100 ms', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const frame = frames();
  let resolved = false;
  void painted().then(() => {
    resolved = true;
  });
  await vi.advanceTimersByTimeAsync(99);
  expect(resolved).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(resolved).toBe(true);
  // The frame that finally comes (the tab shown again) changes nothing for a newer wait.
  const newer = painted();
  frame.run();
  expect(painted()).toBe(newer);
});
