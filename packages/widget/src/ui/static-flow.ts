import { type Adapter, type FlowConfig, type FlowConfigInput, withFlowDefaults } from '@cancelflow/core';
import { localSession } from '../adapters/local-session.ts';
import { CODE_DEADLINE_MS, withDeadline } from '../deadline.ts';
import { loadOncePer } from '../load-once.ts';
import { painted } from '../painted.ts';
import type { OpenOptions } from '../runner/contract.ts';
import { localePreferences, type Started, startedWith } from './started.ts';

/** Fetches a static flow (`data-flow`) and fills in its defaults. */
export async function fetchFlow(url: string): Promise<FlowConfig> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    // "TypeError: Failed to fetch" alone names neither the file nor the usual cause.
    throw new Error(`could not load the flow ${url} (${error}); does the page's CSP connect-src allow it?`);
  }
  if (!response.ok) throw new Error(`could not load the flow ${url}: HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error(`the flow ${url} is not valid JSON (check it with \`cancelflow validate\`)`);
  }
  // No validation here (zod stays off the click path): a broken flow makes the engine throw, and the
  // widget fails open. `cancelflow validate` is where static flows get checked. A file that is not a
  // flow at all (a wrong URL serving other JSON) gets a message naming it rather than a TypeError.
  const flow = json as FlowConfigInput | null;
  if (!Array.isArray(flow?.steps) || typeof flow.policy !== 'object') {
    throw new Error(
      `${url} is not a cancel flow: it needs "policy" and "steps" (check it with \`cancelflow validate\`)`,
    );
  }
  return withFlowDefaults(flow);
}

/**
 * With no server, the flow is resolved in this page and nothing is sent anywhere: the site learns the
 * outcome from the DOM events, and its own cancel action does the cancelling, once the flow has ended
 * (it ends as the subscriber decides: `Started.endAtDecision`). The receipt the engine keeps follows the
 * flow's policy; no screen shows it. (The engine asks for each decision once; nothing here needs the
 * memory adapter's bookkeeping.)
 */
export function staticAdapter(flow: FlowConfig, options: OpenOptions, started: () => Started | undefined): Adapter {
  let receipts: typeof import('./static-receipt.ts') | undefined;
  const loadReceipts = async () => {
    receipts ??= await import('./static-receipt.ts');
  };
  // Fetched once the first screen is up, so that the cancel need not wait for it.
  painted()
    .then(loadReceipts)
    .catch(() => {});
  return {
    startSession: async (request) => localSession(flow, request, options.subscriber),
    sendEvents: async () => {},
    acceptOffer: async () => {},
    // A failed load, or one that has not arrived 10 s after the cancel asked, rejects the cancel,
    // and the widget fails open.
    async confirmCancel(request) {
      await withDeadline(loadReceipts(), CODE_DEADLINE_MS, 'the receipt code');
      const current = started();
      // The confirm step is shown only once the session has started: this would be a bug of ours.
      if (!current || !receipts) throw new Error('a cancel was confirmed before its session had started');
      return receipts.staticReceipt(current, request);
    },
  };
}

/** Each static flow's JSON, fetched once per page (again after a failure). */
const flowOnce = loadOncePer(fetchFlow);

async function startNow(options: OpenOptions & { flow: string }): Promise<Started> {
  const flow = await flowOnce(options.flow);
  let started: Started | undefined;
  const adapter = options.adapter ?? staticAdapter(flow, options, () => started);
  const session = await adapter.startSession({
    flow,
    ...(options.token && { token: options.token }),
    locale: localePreferences(options),
  });
  started = { ...(await startedWith(adapter, session)), endAtDecision: options.endAtDecision ?? !options.adapter };
  return started;
}

let prepared: { readonly key: string; readonly started: Promise<Started> } | undefined;
const keyOf = (options: OpenOptions) => JSON.stringify([options.flow, options.locale, options.subscriber]);

/** On intent: a static session is computed in this page and reports nothing until it is opened (kept for the open). */
export function prepareStatic(options: OpenOptions & { flow: string }): Promise<Started> {
  const key = keyOf(options);
  if (prepared?.key === key) return prepared.started;
  const started = startNow(options);
  started.catch(() => {});
  prepared = { key, started };
  return started;
}

/** The prepared session if it matches (each open gets its own), else a new one. */
export function startStatic(options: OpenOptions & { flow: string }): Promise<Started> {
  const ready = prepared;
  prepared = undefined;
  // A preparation that failed (say, offline at hover time) gets one more try now.
  return ready?.key === keyOf(options) ? ready.started.catch(() => startNow(options)) : startNow(options);
}
