/**
 * The script-tag loader (`cancelflow.js`). It stays tiny: it reads its data-* attributes, intercepts
 * cancel triggers, prefetches the UI chunk on intent and opens it on activation. Whatever goes wrong
 * — the UI is blocked or slow, the flow cannot start, our code throws — the trigger's own action
 * proceeds: a broken cancel flow must never stand between a subscriber and their cancellation.
 */
import type { Outcome } from '@cancelflow/core';
import { loadOnce } from '../load-once.ts';
import { type OpenOptions, OUTBOX_PREFIX, type UiModule } from '../runner/contract.ts';
import { onActivation, runFlow } from '../runner/run.ts';
import { interceptTriggers } from './intercept.ts';

/** A call queued by the copy-paste stub before this script arrived: [options, resolve]. */
type QueuedCall = readonly [OpenOptions | undefined, (outcome: Outcome) => void];
interface Stub {
  q?: QueuedCall[];
}
type PublicApi = { open(options?: OpenOptions): Promise<Outcome>; version: string };

declare global {
  interface Window {
    cancelflow?: Stub | PublicApi;
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
const uiUrl = new URL(data.ui ?? 'cancelflow-ui.js', script?.src || location.href).href;
const defaults: OpenOptions = {
  timeout: Number(data.timeout) || undefined,
  endpoint: data.endpoint,
  flow: data.flow,
  token: data.token,
  locale: data.locale,
};

/** The UI chunk, fetched once (again after a failure). How long a click waits for it is runFlow's `timeout`. */
const loadUi = loadOnce(() => import(/* @vite-ignore */ uiUrl) as Promise<UiModule>);

const run = (options: OpenOptions | undefined, target: EventTarget) =>
  runFlow(loadUi, { ...defaults, ...options }, target);

interceptTriggers({
  isTrigger: (element) => element.hasAttribute('data-cancelflow'),
  onIntent: () => {
    loadUi().then(
      (module) => module.prepare(defaults),
      () => {},
    );
  },
  onActivate: onActivation((trigger) => run(undefined, trigger)),
});

const stub = window.cancelflow as Stub | undefined;
const api: PublicApi = {
  open: (options) => run(options, document),
  version: __CANCELFLOW_VERSION__,
};
window.cancelflow = api;
for (const [options, resolve] of stub?.q ?? []) api.open(options).then(resolve);

// Events an earlier page could not deliver (offline, closed tab) go out now — checked when the page
// is idle, so the loader stays off the main thread at load, and the UI is loaded only if there are any.
const resumeIfPending = () => {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i)?.startsWith(OUTBOX_PREFIX)) {
        loadUi().then(
          (module) => module.resume(defaults),
          () => {},
        );
        return;
      }
    }
  } catch {
    // Storage blocked (privacy settings): nothing was stored either.
  }
};
if (defaults.endpoint) (window.requestIdleCallback ?? setTimeout)(resumeIfPending);
