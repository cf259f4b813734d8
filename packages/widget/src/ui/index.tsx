/** @jsxImportSource #vdom */
/**
 * The lazily loaded UI chunk (`cancelflow-ui.js`). `open()` starts a session, renders the engine's
 * state into a Shadow DOM and, once that first screen is up, resolves with the outcome to come (when
 * the subscriber is done). It rejects only when the flow cannot start (the loader then fails open); a
 * crash while rendering resolves `error`.
 */
import type { FlowEngine, Outcome } from '@cancelflow/core';
import { painted } from '../painted.ts';
import { type OpenOptions, OUTBOX_PREFIX } from '../runner/contract.ts';
import { App, preloadSteps, preloadView } from './App.tsx';
import { engineFor, prepare as prepareFlow, startSession } from './session.ts';
import { mountShadow, prepareShadow } from './shadow.ts';
import type { Started } from './started.ts';
import css from './styles.css?inline';
import { themeRules } from './theme.ts';
import { Component, render } from './vdom/render.ts';
import type { ComponentChildren } from './vdom/types.ts';

class CrashGuard extends Component<{ onCrash: (error: unknown) => void; children: ComponentChildren }> {
  override componentDidCatch(error: unknown) {
    this.props.onCrash(error);
  }
  render() {
    return this.props.children;
  }
}

/**
 * A session's engine, started (so that the first render shows the first step, not an empty frame),
 * once its first step's view can show: a flow that opens on a step other than the survey waits for
 * that step's code and strings here.
 */
async function startEngine(current: Started): Promise<FlowEngine> {
  const engine = engineFor(current);
  engine.start();
  await preloadView(engine.step.peek()?.type, current.t);
  return engine;
}

export async function open(options: OpenOptions, ready: AbortSignal): Promise<{ outcome: Promise<Outcome> }> {
  const previousFocus = document.activeElement as HTMLElement | null;
  const started = await startSession(options, ready);
  // Too late: the caller has failed open and the site's own cancel action runs; show nothing.
  ready.throwIfAborted();
  const first = await startEngine(started);
  ready.throwIfAborted();
  const mount = mountShadow(css);

  /** The engine on screen (none once the flow has ended), and how many have been shown. */
  let shown: FlowEngine | undefined;
  let shows = 0;
  let settle: (outcome: Outcome) => void = () => {};
  const settled = new Promise<Outcome>((resolve) => {
    settle = (outcome) => {
      shown = undefined;
      resolve(outcome);
    };
  });
  const fail = (why: string, error: unknown, sessionId: string) =>
    settle({ status: 'error', sessionId, error: why + (error instanceof Error ? error.message : String(error)) });

  /** Renders a started session's engine; a session that starts over renders its own in its place. */
  const show = (current: Started, engine: FlowEngine) => {
    const { session, t } = current;
    shown = engine;
    let crashed = false;
    const onCrash = (error: unknown) => {
      // Once: ending the session re-renders, and the failing view throws again.
      if (crashed) return;
      crashed = true;
      const { status } = engine.state.peek();
      if (status !== 'saved' && status !== 'cancelled') return fail('its UI crashed: ', error, session.sessionId);
      // The subscriber's decision is made and stored: the outcome says what they chose (a saved
      // subscriber must not be cancelled by the fail-open path), and the crash is only reported.
      console.warn(`cancelflow: its UI crashed after the subscriber's decision (${error}); the outcome stands.`);
      engine.close();
    };
    engine.outcome.then((outcome) => shown === engine && settle(outcome));
    const { theme } = session.flow.config;
    mount.theme(themeRules(theme), theme?.mode);
    try {
      const ui = {
        engine,
        flow: session.flow,
        t,
        subscriber: session.subscriber,
        now: current.now ?? (() => new Date()),
        renderers: options.renderers ?? {},
      };
      render(
        <CrashGuard onCrash={onCrash} key={shows++}>
          <App ui={ui} />
        </CrashGuard>,
        mount.root,
      );
      // After the frame that shows this step (starting a chunk's fetch takes the main thread a moment);
      // a failed preload is retried when the step is needed (and fails open only then).
      painted()
        .then(() => preloadSteps(t))
        .catch(() => {});
    } catch (error) {
      onCrash(error);
    }
  };
  show(started, first);
  // A session drawn before the server answered: started over if the answer differs, failed open if none
  // comes — unless the subscriber is waiting on an offer they took: the fail-open path must not cancel
  // someone who chose to stay. That accept fails instead (it needed the session), and its error offers a
  // retry or the way to cancel.
  started.restart
    ?.then(async (next) => {
      if (!next || !shown) return;
      const engine = await startEngine(next);
      // Closed while the new first step's code was on its way: this session ends as the other would have.
      if (shown) show(next, engine);
      else engine.close();
    })
    .catch((error: unknown) => {
      if (shown?.state.peek().pending !== 'accept') {
        fail('', error, started.session.sessionId);
      }
    });

  const ended = async () => {
    const outcome = await settled;
    render(null, mount.root);
    mount.remove();
    previousFocus?.focus?.();
    return outcome;
  };
  return { outcome: ended() };
}

/**
 * Once per page, when it is idle: says so when the tag's `data-timeout` is not a number of milliseconds
 * (the loader, at its byte limit, uses 4000 for it without a word), and sends what earlier pages left in
 * the outbox (reference-server mode; static flows send nowhere). The sending code is a chunk of its
 * own, fetched only when the outbox holds something.
 */
export const resume = async (options: OpenOptions): Promise<void> => {
  const { timeout } = options;
  if (timeout !== undefined && !(Number(timeout) > 0))
    console.warn(`cancelflow: data-timeout="${timeout}" is not a number of milliseconds above 0; 4000 is used`);
  if (options.endpoint && outboxPending()) await (await import('./resume.ts')).resumeEvents(options);
};

/** Prepares what opening will need, once the page is idle and on the subscriber's intent (see session.ts). */
export function prepare(options: OpenOptions): void {
  prepareFlow(options);
  prepareShadow(css);
}

/** Whether an earlier page left events it could not deliver (offline, closed tab). */
function outboxPending(): boolean {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i)?.startsWith(OUTBOX_PREFIX)) return true;
    }
  } catch {
    // Storage blocked (privacy settings): nothing was stored either.
  }
  return false;
}
