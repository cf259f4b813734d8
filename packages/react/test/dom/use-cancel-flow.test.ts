import type { CancelFlowOptions, Outcome } from '@cancelflow/widget';
import { act, createElement, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelFlowButton, useCancelFlow } from '../../src/index.ts';

/** The widget, as the binding sees it: each created flow records its options, opens and destroys. */
const created: { options: CancelFlowOptions; opened: number; destroyed: boolean }[] = [];
vi.mock('@cancelflow/widget', () => ({
  createCancelFlow: (options: CancelFlowOptions) => {
    const record = { options, opened: 0, destroyed: false };
    created.push(record);
    return {
      open: async (): Promise<Outcome> => {
        record.opened += 1;
        return { status: 'saved', sessionId: `ses_${created.length}`, offer: 'pause' };
      },
      attach: () => () => {},
      destroy: () => {
        record.destroyed = true;
      },
    };
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let container: HTMLElement;
let root: Root;
beforeEach(() => {
  created.length = 0;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** What the components below hand to the tests. */
const seen: {
  outcomes: Outcome[];
  setOptions: (options: CancelFlowOptions) => void;
  open: ReturnType<typeof useCancelFlow>['open'];
  ready: boolean;
} = { outcomes: [], setOptions: () => {}, open: async () => ({ status: 'abandoned', sessionId: '' }), ready: false };

/** A page whose options arrive later (like a token fetched from the site's backend). */
function LatePage() {
  const [options, set] = useState<CancelFlowOptions | null>(null);
  seen.setOptions = set;
  return createElement(CancelFlowButton, { options, onOutcome: (o) => seen.outcomes.push(o) }, 'Cancel');
}

function NoOptions() {
  seen.open = useCancelFlow(null).open;
  return null;
}

function WithToken({ token }: { token: string }) {
  seen.ready = useCancelFlow({ endpoint: 'https://cancel.example.com', token }).ready;
  return null;
}

describe('useCancelFlow', () => {
  it('a click before the options are known opens the flow once they arrive (no silent skip)', async () => {
    seen.outcomes = [];
    await act(async () => root.render(createElement(LatePage)));
    const button = container.querySelector('button') as HTMLButtonElement;
    await act(async () => button.click());
    expect(created).toHaveLength(0);
    expect(button.getAttribute('aria-busy')).toBe('true');
    await act(async () => seen.setOptions({ endpoint: 'https://cancel.example.com', token: 't1' }));
    expect(created.map((c) => [c.options.token, c.opened])).toEqual([['t1', 1]]);
    expect(seen.outcomes).toEqual([{ status: 'saved', sessionId: 'ses_1', offer: 'pause' }]);
    expect(button.getAttribute('aria-busy')).toBeNull();
  });

  it('without options in time it resolves error, so the caller cancels anyway (fail open)', async () => {
    vi.useFakeTimers();
    try {
      await act(async () => root.render(createElement(NoOptions)));
      const outcome = seen.open({ timeout: 1000 });
      await act(async () => vi.advanceTimersByTime(1000));
      await expect(outcome).resolves.toMatchObject({ status: 'error', error: expect.stringContaining('1000 ms') });
      expect(created).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('creates the flow again when the token changes, and destroys it on unmount', async () => {
    await act(async () => root.render(createElement(WithToken, { token: 'a' })));
    expect(seen.ready).toBe(true);
    await act(async () => root.render(createElement(WithToken, { token: 'a' }))); // same options: same flow
    await act(async () => root.render(createElement(WithToken, { token: 'b' })));
    expect(created.map((c) => [c.options.token, c.destroyed])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    act(() => root.unmount());
    root = createRoot(container);
    expect(created[1]?.destroyed).toBe(true);
  });
});
