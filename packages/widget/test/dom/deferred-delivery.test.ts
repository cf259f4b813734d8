import type { FlowEvent } from '@cancelflow/core';
import { afterEach, expect, test, vi } from 'vitest';
import { deferredDelivery } from '../../src/delivery/deferred.ts';
import type { Delivery } from '../../src/delivery/delivery.ts';

// The outbox's code loads after the frame that shows the first screen (delivery/deferred.ts); events
// pushed before then wait in memory, in order. In a hidden tab no frame comes: they must not wait for
// one, or closing the tab would lose them.

const event = (id: string) =>
  ({ id, sessionId: 's', at: '2026-12-01T00:00:00.000Z', type: 'session_started' }) as FlowEvent;

function recorder() {
  const handed: string[] = [];
  const real: Delivery = {
    push: (e, key) => void handed.push(`${e.id}:${key}`),
    flush: async () => {},
    pending: () => 0,
    hide: () => {},
    stop: () => {},
  };
  const load = vi.fn(async () => real);
  return { handed, load };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

test('events wait for the frame that shows the first screen, then reach the outbox in order, loaded once', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  const frame: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frame.push(callback));
  const { handed, load } = recorder();
  const delivery = deferredDelivery(load);
  delivery.push(event('a'), 'k');
  delivery.push(event('b'), 'k');
  expect(load).not.toHaveBeenCalled();
  expect(delivery.pending()).toBe(2);
  await vi.advanceTimersByTimeAsync(50);
  expect(load).not.toHaveBeenCalled();
  for (const callback of frame.splice(0)) callback(50); // the frame that shows the first screen
  await vi.advanceTimersByTimeAsync(0); // and the task after it
  expect(load).toHaveBeenCalledTimes(1);
  expect(handed).toEqual(['a:k', 'b:k']);
  delivery.push(event('c'), 'k');
  expect(handed).toEqual(['a:k', 'b:k', 'c:k']);
});

test('in a hidden tab, where frames stop, events reach the outbox after 100 ms', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  vi.stubGlobal('requestAnimationFrame', () => 0); // never called back
  const { handed, load } = recorder();
  const delivery = deferredDelivery(load);
  delivery.push(event('a'), 'k');
  await vi.advanceTimersByTimeAsync(99);
  expect(handed).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  expect(handed).toEqual(['a:k']);
});

test('a delivery that fails to load keeps the events, warns once, and is tried again with the next event', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  vi.stubGlobal('requestAnimationFrame', () => 0); // a hidden tab: each wait is 100 ms
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const { handed, load } = recorder();
  load.mockRejectedValueOnce(new Error('offline')).mockRejectedValueOnce(new Error('still offline'));
  const delivery = deferredDelivery(load);
  delivery.push(event('a'), 'k');
  await vi.advanceTimersByTimeAsync(100);
  expect(load).toHaveBeenCalledTimes(1);
  expect(delivery.pending()).toBe(1);
  delivery.push(event('b'), 'k');
  await vi.advanceTimersByTimeAsync(100);
  expect(load).toHaveBeenCalledTimes(2);
  expect(handed).toEqual([]);
  delivery.push(event('c'), 'k');
  await vi.advanceTimersByTimeAsync(100);
  expect(load).toHaveBeenCalledTimes(3);
  expect(handed).toEqual(['a:k', 'b:k', 'c:k']);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]?.[0]).toContain('offline');
  warn.mockRestore();
});
