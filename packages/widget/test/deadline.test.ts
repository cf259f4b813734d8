import { afterEach, expect, test, vi } from 'vitest';
import { withDeadline } from '../src/deadline.ts';

afterEach(() => vi.useRealTimers());

test('a promise that settles in time passes through, and its timer is cleared', async () => {
  vi.useFakeTimers();
  await expect(withDeadline(Promise.resolve('code'), 10_000, 'the code')).resolves.toBe('code');
  await expect(withDeadline(Promise.reject(new Error('offline')), 10_000, 'the code')).rejects.toThrow('offline');
  expect(vi.getTimerCount()).toBe(0);
});

test('a stalled one rejects at the deadline, saying what did not arrive', async () => {
  vi.useFakeTimers();
  const stalled = withDeadline(new Promise(() => {}), 10_000, 'the HTTP adapter code');
  const outcome = stalled.then(
    () => 'resolved',
    (error: Error) => error.message,
  );
  await vi.advanceTimersByTimeAsync(9_999);
  expect(vi.getTimerCount()).toBe(1);
  await vi.advanceTimersByTimeAsync(1);
  await expect(outcome).resolves.toBe('the HTTP adapter code did not arrive within 10 s');
});
