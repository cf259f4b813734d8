import { type CancelFlow, type CancelFlowOptions, createCancelFlow, type Outcome } from '@cancelflow/widget';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface CancelFlowHandle {
  /**
   * Runs the flow and resolves with the outcome; never rejects. Called before the options are known
   * (the token is still loading), it waits for them — up to the flow's timeout (default 4 s) — and then
   * opens, so an early click is never silently skipped; if they never come, it resolves `error` and the
   * caller's own cancel goes ahead (fail open).
   */
  open(overrides?: Partial<CancelFlowOptions>): Promise<Outcome>;
  /** Whether the flow exists (options given, mounted in a browser). */
  readonly ready: boolean;
}

const DEFAULT_WAIT_MS = 4000;

/**
 * The cancel flow for a component. Pass `null` while the options are not known yet (e.g. while your
 * backend signs the token); the flow is created once they are, re-created when the endpoint, static
 * flow, token or locale change, and destroyed on unmount.
 */
export function useCancelFlow(options: CancelFlowOptions | null | undefined): CancelFlowHandle {
  const flow = useRef<CancelFlow | null>(null);
  const waiting = useRef(new Set<(flow: CancelFlow) => void>());
  const latest = useRef(options);
  latest.current = options;
  const [ready, setReady] = useState(false);
  // Functions and objects in the options (adapter, renderers) are read when the flow is created;
  // these strings decide when it must be created again.
  const identity = options ? JSON.stringify([options.endpoint, options.flow, options.token, options.locale]) : null;

  useEffect(() => {
    const current = latest.current;
    if (identity === null || !current) return;
    const created = createCancelFlow(current);
    flow.current = created;
    setReady(true);
    for (const resolve of waiting.current) resolve(created);
    waiting.current.clear();
    return () => {
      created.destroy();
      if (flow.current === created) flow.current = null;
      setReady(false);
    };
  }, [identity]);

  const open = useCallback((overrides?: Partial<CancelFlowOptions>): Promise<Outcome> => {
    if (flow.current) return flow.current.open(overrides);
    const waitMs = overrides?.timeout ?? latest.current?.timeout ?? DEFAULT_WAIT_MS;
    return new Promise<Outcome>((resolve) => {
      const start = (created: CancelFlow) => {
        clearTimeout(timer);
        resolve(created.open(overrides));
      };
      const timer = setTimeout(() => {
        waiting.current.delete(start);
        resolve({
          status: 'error',
          sessionId: '',
          error: `the flow's options (endpoint, token) were not given within ${waitMs} ms; the site's own cancel action proceeds.`,
        });
      }, waitMs);
      waiting.current.add(start);
    });
  }, []);

  return { open, ready };
}
