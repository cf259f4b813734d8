/**
 * The line under a decision that waits long for the server (StillWorking.tsx), for the engine's
 * states: in place and silent while the decision is only busy (a live region must exist before its
 * words come, or screen readers may not announce them), worded once the engine marks it slow, and
 * following the browser going offline meanwhile. The wording after 3 s against a real slow server, and
 * the line going with the answer, are owned by tests/browser/slow-decision.spec.ts.
 */
import type { Receipt } from '@cancelflow/core';
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, expect, test, vi } from 'vitest';
import { openApp } from './ui-fixture.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

test('busy: an empty status line; slow: it says so, and what it waits for when the browser goes offline', async () => {
  const timers: (() => void)[] = [];
  const fixture = openApp({
    after: (_ms, run) => {
      timers.push(run);
      return () => {};
    },
  });
  let answer: (receipt: Receipt) => void = () => {};
  fixture.effects.confirmCancel.mockImplementation(
    () =>
      new Promise<Receipt>((resolve) => {
        answer = resolve;
      }),
  );
  fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
  const status = () => document.querySelector('p.slow[role="status"]');
  await waitFor(() => expect(status()).not.toBeNull());
  await waitFor(() => expect(timers).toHaveLength(1));
  expect(status()?.textContent).toBe('');
  expect(screen.getByRole('dialog').getAttribute('aria-busy')).toBe('true');

  timers[0]?.();
  await waitFor(() => expect(status()?.textContent).toBe('Still working on it. This can take a few more seconds.'));
  expect(screen.getByRole('dialog').getAttribute('aria-busy')).toBeNull();

  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  window.dispatchEvent(new Event('offline'));
  await waitFor(() => expect(status()?.textContent).toBe('Waiting for your internet connection to come back…'));

  answer({ id: 'rcpt_1', sessionId: 's1', confirmedAt: '2026-03-10T12:00:00Z', refund: 'none' });
  await screen.findByRole('dialog', { name: 'Your subscription is cancelled' });
  expect(status()).toBeNull();
});
