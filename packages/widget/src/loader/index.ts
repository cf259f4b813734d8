/**
 * The script-tag loader (`cancelflow.js`). It stays tiny: it reads its data-* attributes, intercepts
 * cancel triggers, prefetches the UI chunk once the page is idle (or on intent) and opens it on
 * activation. Whatever goes wrong — the UI is blocked or slow, the flow cannot start, our code throws
 * — the trigger's own action proceeds: a broken cancel flow must never stand between a subscriber
 * and their cancellation.
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

/**
 * Fetches the UI and what opening needs, and sends what earlier pages left when `resume` is truthy. A
 * failure here is silent: the click meets it again, and reports it.
 */
const prepareUi = (resume?: unknown) => {
  loadUi()
    .then((module) => {
      module.prepare(defaults);
      if (resume) module.resume(defaults);
    })
    .catch(() => {});
};

interceptTriggers({
  isTrigger: (element) => element.hasAttribute('data-cancelflow'),
  onIntent: prepareUi,
  onActivate: onActivation((trigger) => run(undefined, trigger)),
});

const stub = window.cancelflow as Stub | undefined;
const api: PublicApi = {
  open: (options) => run(options, document),
  version: __CANCELFLOW_VERSION__,
};
window.cancelflow = api;
for (const [options, resolve] of stub?.q ?? []) api.open(options).then(resolve);

/** Whether an earlier page left events it could not deliver (offline, closed tab). */
const outboxPending = () => {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i)?.startsWith(OUTBOX_PREFIX)) return true;
    }
  } catch {
    // Storage blocked (privacy settings): nothing was stored either.
  }
  return false;
};

// Once the page has loaded and is idle (off the main thread at load): the UI is fetched and prepared
// as on intent, so that even a first click finds it ready, and events an earlier page left go out.
const afterLoad = () =>
  (window.requestIdleCallback ?? setTimeout)(() => prepareUi(defaults.endpoint && outboxPending()));
if (document.readyState === 'complete') afterLoad();
else addEventListener('load', afterLoad);
