import type { Outcome } from '@cancelflow/core';
import { type Activation, inPage } from '../loader/intercept.ts';
import type { CancelFlowEventName, OpenOptions, UiModule } from './contract.ts';

/** `detail` is the outcome, or null for `cancelflow:open`, when there is none yet. */
function emit(target: EventTarget, name: CancelFlowEventName, detail: Outcome | null): void {
  target.dispatchEvent(new CustomEvent(`cancelflow:${name}`, { detail, bubbles: true, composed: true }));
}

/**
 * The browser's setTimeout as it was when the loader ran. A page script may replace it later (an
 * analytics or test library's wrapper, or fake timers that never fire): a confirmed cancel must still
 * reach the site's own action, which waits for a task of its own (see onActivation).
 */
export const nextTask = setTimeout;

/** The flow on screen: an open while it runs joins it, rather than stacking a second modal and session. */
let current: Promise<Outcome> | undefined;

/**
 * Runs one cancel flow at a time (a call while one runs gets that one's outcome), and announces it on
 * `target` as DOM events. Never rejects: whatever fails —
 * loading the UI, starting the session, the UI itself — becomes an `error` outcome with a message for
 * the developer, and one console warning. `options.timeout` (default 4000 ms) bounds everything before
 * the first screen is interactive, from this call on.
 */
export function runFlow(load: () => Promise<UiModule>, options: OpenOptions, target: EventTarget): Promise<Outcome> {
  current ??= runOne(load, options, target).finally(() => {
    current = undefined;
  });
  return current;
}

async function runOne(load: () => Promise<UiModule>, options: OpenOptions, target: EventTarget): Promise<Outcome> {
  let outcome: Outcome;
  try {
    emit(target, 'open', null);
    // One deadline from the click until the first screen is interactive: the UI chunk, the session
    // start and the strings all spend from it.
    // A number from the npm API, a string from the script tag's data-timeout; anything else is the default.
    const ms = Number(options.timeout) || 4000;
    const ready = AbortSignal.timeout(ms);
    const started = Promise.race([
      load().then((ui) => ui.open(options, ready)),
      new Promise<never>((_, reject) => {
        ready.onabort = () => reject(new Error(`the flow did not start within ${ms} ms`));
      }),
    ]);
    outcome = await (await started).outcome;
  } catch (error) {
    outcome = { status: 'error', sessionId: '', error: error instanceof Error ? error.message : String(error) };
  }
  if (outcome.status === 'error') {
    // One full stop after a browser's message that ends with one (a failed custom element definition).
    console.warn(`cancelflow: ${outcome.error?.replace(/\.$/, '')}. The site's own cancel action proceeds.`);
  }
  // On the trigger as the page has it now (an SPA may have rendered it again meanwhile), so the
  // events bubble to the site's listeners; and the focus goes there too. The UI gave it back to the
  // element it came from, the trigger, which a re-render took out of the page, leaving the focus on
  // <body>. (`document`, for an open from code, has no focus() and keeps the UI's choice.)
  const to = inPage(target as HTMLElement);
  to.focus?.();
  if (outcome.status !== 'abandoned') emit(to, outcome.status, outcome);
  emit(to, 'close', outcome);
  return outcome;
}

/**
 * What to do when a trigger is activated: run the flow once at a time, then let the trigger's own
 * action proceed after a confirmed cancel — and also when the flow failed, because a broken cancel
 * flow must never stand between a subscriber and their cancellation.
 */
export function onActivation(run: (trigger: HTMLElement) => Promise<Outcome>): (activation: Activation) => void {
  let running = false;
  return ({ trigger, proceed }) => {
    if (running) return; // a second click while the flow is open does nothing
    running = true;
    run(trigger)
      .then((outcome) => outcome.status === 'cancelled' || outcome.status === 'error')
      .catch(() => true)
      .then((go) => {
        running = false;
        // In a task of its own: a flow that fails at once (its UI already loaded) ends while the
        // activation's event is still being dispatched, and a form cannot be submitted again from
        // inside its own submit event (the browser ignores it).
        if (go) nextTask(proceed);
      });
  };
}

/**
 * Fetches the UI and has it prepare what opening needs (on intent, and once the page is idle), and
 * with `resume` also send what earlier pages left. A failure here, even one thrown by the UI module,
 * is silent: the click meets it again, and reports it.
 */
export function prepareUi(load: () => Promise<UiModule>, options: OpenOptions, resume?: boolean): void {
  load()
    .then((ui) => {
      ui.prepare(options);
      if (resume) return ui.resume(options);
    })
    .catch(() => {});
}
