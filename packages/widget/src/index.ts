/**
 * The npm API: `import { createCancelFlow } from '@cancelflow/widget'`. Importing this module touches
 * no browser global, so it is safe in server-side rendering; the UI is loaded on first use.
 */
import type { Outcome } from '@cancelflow/core';
import { checkedAdapter } from './adapters/checked.ts';
import { checkTarget, problemIn } from './checks.ts';
import { loadOnce } from './load-once.ts';
import { interceptTriggers } from './loader/intercept.ts';
import type { OpenOptions, UiModule } from './runner/contract.ts';
import { onActivation, prepareUi, runFlow } from './runner/run.ts';

export type { Outcome, OutcomeStatus } from '@cancelflow/core';
export * from './adapters/index.ts';
export * from './delivery/index.ts';
export type { CancelFlowEventName, OpenOptions } from './runner/contract.ts';

export type CancelFlowOptions = OpenOptions;

export interface CancelFlow {
  /** Runs the flow now. Resolves with the outcome; never rejects (failures resolve as `error`). */
  open(overrides?: Partial<CancelFlowOptions>): Promise<Outcome>;
  /**
   * Makes an element (or every element matching a selector, now or later) a cancel trigger: its
   * activation opens the flow, and its own action proceeds after a confirmed cancel or a failure.
   * Returns a function that detaches it.
   */
  attach(target: Element | string): () => void;
  /**
   * Detaches every trigger and forgets the loaded UI. A flow on screen is not closed: the subscriber
   * finishes it, and its `open()` still resolves with the outcome.
   */
  destroy(): void;
}

export function createCancelFlow(options: CancelFlowOptions = {}): CancelFlow {
  const detachers = new Set<() => void>();
  const loadUi = () => loadOnce(() => import('./ui/index.tsx') as Promise<UiModule>);
  let load = loadUi();
  const run = (target: EventTarget, overrides?: Partial<CancelFlowOptions>) => {
    const merged = { ...options, ...overrides };
    const problem = problemIn(merged);
    // Through runFlow all the same: the open and error events, the console warning, the outcome.
    if (problem) return runFlow(() => Promise.reject(new Error(problem)), { ...merged, timeout: undefined }, target);
    return runFlow(load, merged.adapter ? { ...merged, adapter: checkedAdapter(merged.adapter) } : merged, target);
  };
  // Intent prepares the UI and the strings. With the site's own adapter it starts no session (for a
  // static flow it otherwise would): that adapter's backend may count a session nobody opened.
  const intent = options.adapter ? { ...options, flow: undefined } : options;

  return {
    // Outside a browser (a unit test of the app under Node) there is no document: the flow then ends
    // as `error`, as documented, rather than throwing.
    open: (overrides) => run(globalThis.document ?? new EventTarget(), overrides),
    attach(target) {
      checkTarget(target);
      const attached = new AbortController();
      const detach = () => attached.abort();
      interceptTriggers({
        isTrigger: (element) => (typeof target === 'string' ? element.matches(target) : element === target),
        onIntent: () => prepareUi(load, intent),
        onActivate: onActivation((trigger) => run(trigger)),
        signal: attached.signal,
      });
      detachers.add(detach);
      return () => {
        detach();
        detachers.delete(detach);
      };
    },
    destroy() {
      for (const detach of detachers) detach();
      detachers.clear();
      load = loadUi();
    },
  };
}
