/** @jsxImportSource #vdom */
import { type Adapter, AdapterError, type BeaconAdapter, type FlowEvent } from '@cancelflow/core';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createDelivery, type Delivery } from '../../src/delivery/delivery.ts';

// The page side of delivery, in a DOM: the real localStorage, pagehide / visibilitychange / online.

const event = (id: string): FlowEvent => ({
  id,
  sessionId: 's1',
  at: '2026-03-01T10:00:00.000Z',
  type: 'cancel_confirmed',
  payload: { reasonId: 'other' },
});

function beaconAdapter(down = true) {
  const beacons: string[][] = [];
  const sent: string[] = [];
  const adapter: BeaconAdapter = {
    startSession: () => Promise.reject(new Error('not used')),
    acceptOffer: () => Promise.reject(new Error('not used')),
    confirmCancel: () => Promise.reject(new Error('not used')),
    async sendEvents(events) {
      if (down) throw new AdapterError('unavailable', 'down');
      sent.push(...events.map((e) => e.id));
    },
    beacon(events) {
      beacons.push(events.map((e) => e.id));
      return true;
    },
  };
  return {
    adapter,
    beacons,
    sent,
    up: () => {
      down = false;
    },
  };
}

let deliveries: Delivery[] = [];
const track = (d: Delivery) => {
  deliveries.push(d);
  return d;
};
beforeEach(() => {
  localStorage.clear();
  deliveries = [];
});
afterEach(() => {
  for (const d of deliveries) d.stop();
  vi.restoreAllMocks();
});

test('pushed events are in localStorage at once, so a reload cannot lose them', () => {
  const { adapter } = beaconAdapter();
  const d = track(createDelivery({ adapter, delayMs: 60_000 }));
  d.push(event('a'), 'k1');
  const keys = Object.keys(localStorage).filter((k) => k.startsWith('cancelflow:e:'));
  expect(keys).toHaveLength(1);
  expect(JSON.parse(localStorage.getItem(keys[0] as string) ?? '')).toEqual([event('a'), 'k1']);
});

test('pagehide sends the waiting events by beacon and keeps them for the next page', () => {
  const { adapter, beacons } = beaconAdapter();
  const d = track(createDelivery({ adapter, delayMs: 60_000 }));
  d.push(event('a'), 'k1');
  d.push(event('b'), 'k1');
  window.dispatchEvent(new Event('pagehide'));
  expect(beacons).toEqual([['a', 'b']]);
  expect(d.pending()).toBe(2);
});

test('the document turning hidden sends a beacon too; turning visible does not', () => {
  const { adapter, beacons } = beaconAdapter();
  track(createDelivery({ adapter, delayMs: 60_000 })).push(event('a'), 'k1');
  const state = vi.spyOn(document, 'visibilityState', 'get');
  state.mockReturnValue('visible');
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  expect(beacons).toEqual([]);
  state.mockReturnValue('hidden');
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  expect(beacons).toEqual([['a']]);
});

test('leaving fires visibilitychange then pagehide: each waiting event goes by one beacon, a new one by the next', () => {
  const { adapter, beacons } = beaconAdapter();
  const d = track(createDelivery({ adapter, delayMs: 60_000 }));
  d.push(event('a'), 'k1');
  const state = vi.spyOn(document, 'visibilityState', 'get');
  state.mockReturnValue('hidden');
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  d.push(event('b'), 'k1'); // e.g. the close event, written as the page goes
  window.dispatchEvent(new Event('pagehide'));
  expect(beacons).toEqual([['a'], ['b']]);
  expect(d.pending()).toBe(2); // still waiting for an acknowledgement

  // Back in view (a tab switch, not a leave): a later leave hands over whatever is still unacknowledged.
  state.mockReturnValue('visible');
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  window.dispatchEvent(new Event('pagehide'));
  expect(beacons).toEqual([['a'], ['b'], ['a', 'b']]);
});

test('a beacon the browser refused is tried again at the next chance', () => {
  const { adapter, beacons } = beaconAdapter();
  let accept = false;
  const refusing: BeaconAdapter = { ...adapter, beacon: (events, keys) => adapter.beacon(events, keys) && accept };
  track(createDelivery({ adapter: refusing, delayMs: 60_000 })).push(event('a'), 'k1');
  window.dispatchEvent(new Event('pagehide'));
  accept = true;
  window.dispatchEvent(new Event('pagehide'));
  window.dispatchEvent(new Event('pagehide'));
  expect(beacons).toEqual([['a'], ['a']]);
});

test('the next page load sends what the previous one left, and the browser coming online retries', async () => {
  const first = beaconAdapter();
  const page1 = track(createDelivery({ adapter: first.adapter, delayMs: 60_000 }));
  page1.push(event('a'), 'k1');
  await page1.flush(); // the backend is down
  page1.stop();

  const second = beaconAdapter();
  const page2 = track(createDelivery({ adapter: second.adapter, retryMs: () => 60_000 }));
  await page2.flush(); // still down
  expect(second.sent).toEqual([]);
  second.up();
  window.dispatchEvent(new Event('online'));
  await vi.waitFor(() => expect(second.sent).toEqual(['a']), { timeout: 15_000 });
  expect(page2.pending()).toBe(0);
  // Nothing left behind once the send is over: no events, no lock lease.
  await vi.waitFor(() => expect(Object.keys(localStorage).filter((k) => k.startsWith('cancelflow:'))).toEqual([]), {
    timeout: 15_000,
  });
});

test('stop() removes the page listeners', () => {
  const { adapter, beacons } = beaconAdapter();
  const d = createDelivery({ adapter, delayMs: 60_000 });
  d.push(event('a'), 'k1');
  d.stop();
  window.dispatchEvent(new Event('pagehide'));
  expect(beacons).toEqual([]);
});

test('an adapter without a beacon still gets a flush on pagehide', async () => {
  const sent: string[] = [];
  const adapter: Adapter = {
    ...beaconAdapter().adapter,
    async sendEvents(events) {
      sent.push(...events.map((e) => e.id));
    },
  };
  const { beacon: _, ...plain } = adapter as BeaconAdapter;
  const d = track(createDelivery({ adapter: plain, delayMs: 60_000 }));
  d.push(event('a'), 'k1');
  window.dispatchEvent(new Event('pagehide'));
  await vi.waitFor(() => expect(sent).toEqual(['a']), { timeout: 15_000 });
});
