import type { Adapter } from '@cancelflow/core';
import { fireEvent, within } from '@testing-library/dom';
import { afterEach, expect, test, vi } from 'vitest';
import { createCancelFlow, memoryAdapter } from '../../src/index.ts';
import { flowConfig } from './ui-fixture.ts';

// The npm API with a site's own adapter, as a JavaScript site may write one: whatever is wrong in it
// fails open (the outcome `error`, the site's own cancel proceeds) with a message naming the method.
const flow = `data:application/json,${encodeURIComponent(JSON.stringify(flowConfig))}`;

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** A working adapter (the memory one) with some of its methods replaced. */
const adapter = (changes: Record<string, unknown>) => ({ ...memoryAdapter(), ...changes }) as Adapter;

/** The modal's shadow root, once its dialog is up. */
const modal = () =>
  vi.waitFor(() => {
    const root = document.querySelector('cancelflow-modal')?.shadowRoot;
    if (!root?.querySelector('[role=dialog]')) throw new Error('no modal yet');
    return root as unknown as HTMLElement;
  });

async function openWith(changes: Record<string, unknown>) {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  return createCancelFlow({ flow, adapter: adapter(changes) }).open();
}

test("a failing start names the adapter's method, a synchronous throw included, and keeps an AdapterError's message", async () => {
  const outcome = await openWith({
    startSession() {
      throw new Error('backend down');
    },
  });
  expect(outcome).toEqual({ status: 'error', sessionId: '', error: 'adapter.startSession failed: backend down' });
  expect(document.querySelector('cancelflow-modal')).toBeNull();
});

test('a start that resolves no SessionStart says so, with the keys it got', async () => {
  const outcome = await openWith({ startSession: async () => ({ id: 'ses_1' }) });
  expect(outcome.error).toBe(
    'adapter.startSession resolved { id }, not a SessionStart ({ sessionId, sessionKey, flow, subscriber, locale })',
  );
});

test('an adapter without one of its methods fails at the start, before the subscriber answers anything', async () => {
  const outcome = await openWith({ confirmCancel: undefined, acceptOffer: 'yes' });
  expect(outcome.error).toBe('the adapter has no acceptOffer, confirmCancel (see docs/adapters.md)');
  expect(document.querySelector('cancelflow-modal')).toBeNull();
});

test('a cancel answered without a receipt fails open, instead of a modal stuck on its busy button', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const cancelFlow = createCancelFlow({ flow, adapter: adapter({ confirmCancel: async () => undefined }) });
  const outcome = cancelFlow.open();
  const host = await modal();
  fireEvent.click(await within(host).findByRole('button', { name: 'Continue to cancel' }));
  fireEvent.click(await within(host).findByRole('button', { name: 'Cancel subscription' }));
  expect(await outcome).toMatchObject({
    status: 'error',
    error: 'adapter.confirmCancel resolved undefined, not a Receipt ({ id, sessionId, confirmedAt, refund, … })',
  });
});

test('options the types would refuse fail open with a message naming the option', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const late = await createCancelFlow({ flow, timeout: -1 }).open();
  expect(late.error).toBe('the timeout option must be a number of milliseconds above 0 (got -1)');
  const inline = await createCancelFlow({ flow: flowConfig as unknown as string }).open();
  expect(inline.error).toBe("the flow option must be the URL of a flow's JSON file (got object)");
  const unsigned = await createCancelFlow({ endpoint: 'https://cancel.example.com', token: undefined }).open();
  expect(unsigned.error).toBe(
    'the endpoint option needs the token option too: the JWT your server signed for this subscriber',
  );
});

test('attach() refuses a selector matches() would throw on at every click and hover, and what is no element', () => {
  const cancelFlow = createCancelFlow({ flow });
  expect(() => cancelFlow.attach('#cancel [data-x')).toThrow("attach('#cancel [data-x'): not a valid CSS selector");
  expect(() => cancelFlow.attach(42 as unknown as string)).toThrow('takes an element or a CSS selector, not 42');
});

test("intent on a trigger starts no session with the site's own adapter (its backend may count it)", async () => {
  const base = memoryAdapter();
  const startSession = vi.fn(base.startSession);
  const cancelFlow = createCancelFlow({ flow, adapter: { ...base, startSession } });
  const trigger = document.body.appendChild(document.createElement('button'));
  cancelFlow.attach(trigger);
  fireEvent.mouseOver(trigger);
  // Opened with other options than the intent's, the flow cannot reuse a session the intent started,
  // and that one's start comes first (both wait for the same flow file): it would be a second call.
  const outcome = cancelFlow.open({ locale: 'de' });
  const host = await modal();
  expect(startSession).toHaveBeenCalledTimes(1);
  expect(startSession.mock.calls[0]?.[0].locale.explicit).toBe('de');
  fireEvent.click(within(host).getByRole('button', { name: 'Close' }));
  expect(await outcome).toMatchObject({ status: 'abandoned' });
});

test('opened twice, then left while events wait: one beacon, not one per open (one delivery per adapter)', async () => {
  const beacon = vi.fn(() => true);
  // Events wait: the backend never answers, so leaving the page hands them to the beacon.
  const own = adapter({ sendEvents: () => new Promise(() => {}), beacon });
  const cancelFlow = createCancelFlow({ flow, adapter: own });
  for (let i = 0; i < 2; i++) {
    const outcome = cancelFlow.open();
    fireEvent.click(within(await modal()).getByRole('button', { name: 'Close' }));
    expect(await outcome).toMatchObject({ status: 'abandoned' });
  }
  // The outbox's code arrives after the first screen; wait until it has taken the events.
  await vi.waitFor(() => {
    dispatchEvent(new Event('pagehide'));
    expect(beacon).toHaveBeenCalled();
  });
  expect(beacon).toHaveBeenCalledTimes(1);
});
