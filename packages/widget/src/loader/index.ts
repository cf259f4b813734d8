/**
 * The script-tag loader (`cancelflow.js`). It stays tiny, and does little while the page loads: it
 * keeps its script element, intercepts cancel triggers, and installs `window.cancelflow`. Its data-*
 * attributes are read when they are needed (once the page is idle, on intent, on each activation);
 * then it prefetches the UI chunk and opens it. Whatever goes wrong — the UI is blocked or slow, the
 * flow cannot start, our code throws — the trigger's own action proceeds: a broken cancel flow must
 * never stand between a subscriber and their cancellation.
 */
import type { Outcome } from '@cancelflow/core';
import { loadOnce } from '../load-once.ts';
import type { OpenOptions, UiModule } from '../runner/contract.ts';
import { nextTask, onActivation, prepareUi, runFlow } from '../runner/run.ts';
import { interceptTriggers } from './intercept.ts';

/** A call queued by the copy-paste stub before this script arrived: [options, resolve]. */
type QueuedCall = readonly [OpenOptions | undefined, (outcome: Outcome) => void];
interface Stub {
  q?: QueuedCall[];
}
type PublicApi = {
  open(options?: OpenOptions): Promise<Outcome>;
  version: string;
  /** The script element of the loader's newest copy on the page, handed over by that copy. */
  t?: HTMLScriptElement | null;
};

declare global {
  interface Window {
    cancelflow?: Stub | PublicApi;
  }
}

// Only valid while this script runs; its attributes are read later, when they are used.
const script = document.currentScript as HTMLScriptElement | null;

/**
 * The options the script tag's data-* attributes say, as they are now (a page may update them, or
 * insert a new tag, whose copy of the loader hands it over): all
 * of its data-* attributes, as strings. The UI reads the ones it knows (endpoint, flow, token,
 * locale); runFlow reads `timeout` as a number.
 */
const tagOptions = (): OpenOptions => ({ ...(api.t ?? script)?.dataset }) as OpenOptions;

/** The UI chunk, fetched once (again after a failure). How long a click waits for it is runFlow's `timeout`. */
const loadUi = loadOnce(
  () =>
    import(
      /* @vite-ignore */ new URL(script?.dataset.ui ?? 'cancelflow-ui.js', script?.src || location.href).href
    ) as Promise<UiModule>,
);

const run = (options: OpenOptions | undefined, target: EventTarget) =>
  runFlow(loadUi, { ...tagOptions(), ...options }, target);

const api: PublicApi = {
  open: (options) => run(options, document),
  version: __CANCELFLOW_VERSION__,
};

const stub = window.cancelflow as Stub | Partial<PublicApi> | undefined;
// A second copy of the loader on the page (two script tags, or one added again by an SPA) stands aside:
// two copies would each intercept the click the other replays, and a confirmed cancel would open the
// flow again instead of running the site's own action.
if ((stub as Partial<PublicApi> | undefined)?.version) {
  console.warn(`cancelflow: ${script?.src} loaded twice, ignored`);
  // Its tag is the newest, though: an SPA that swaps the tag for another subscriber (data-token B for
  // A) means it, so the first copy reads this one's attributes from now on.
  (stub as PublicApi).t = script;
} else {
  interceptTriggers({
    isTrigger: (element) => element.hasAttribute('data-cancelflow'),
    onIntent: () => prepareUi(loadUi, tagOptions()),
    onActivate: onActivation((trigger) => run(undefined, trigger)),
  });

  window.cancelflow = api;
  for (const [options, resolve] of (stub as Stub | undefined)?.q ?? []) api.open(options).then(resolve);

  // Once the page has loaded and is idle (off the main thread at load): the UI is fetched and prepared
  // as on intent, so that even a first click finds it ready, and events an earlier page left go out.
  const afterLoad = () => (window.requestIdleCallback ?? nextTask)(() => prepareUi(loadUi, tagOptions(), true));
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad);
}
