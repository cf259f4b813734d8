/** @jsxImportSource #vdom */
import { loadDecisions, type ResolvedFlow, type StepType, type Translator } from '@cancelflow/core';
import { preloadDecisionCalls } from '../adapters/effects.ts';
import { lazyView } from './lazy.ts';
import { STEP_PARTS } from './step-parts.ts';
import { SurveyStep } from './steps/SurveyStep.tsx';
import type { Ui } from './types.ts';
import { Component, createRef } from './vdom/render.ts';
import type { FunctionComponent } from './vdom/types.ts';

/**
 * One view per step type; a new step type in the schema fails the build here until it has a view.
 * The survey, which most flows open with, is in the UI chunk; the others arrive in chunks of their
 * own with the strings they show, fetched right after the first screen is up, or before it when a flow
 * opens on one of them (see lazy.ts).
 */
/** A step's view from a chunk of its own, shown once the catalog parts it shows (step-parts.ts) are in too. */
const lazyStep = <P extends { ui: Ui }>(step: keyof typeof STEP_PARTS, load: () => Promise<FunctionComponent<P>>) =>
  lazyView(load, { parts: STEP_PARTS[step], step });
const OfferStep = lazyStep('offer', () => import('./steps/OfferStep.tsx').then((m) => m.OfferStep));
const DoneStep = lazyStep('done', () => import('./steps/DoneStep.tsx').then((m) => m.DoneStep));
const CustomStep = lazyStep('custom', () => import('./steps/CustomStep.tsx').then((m) => m.CustomStep));
const FeedbackStep = lazyStep('feedback', () => import('./steps/FeedbackStep.tsx').then((m) => m.FeedbackStep));
const ConfirmStep = lazyStep('confirm', () => import('./steps/ConfirmStep.tsx').then((m) => m.ConfirmStep));

/** Above the steps that follow a confirmed cancel: the cancel is done, and its receipt can be kept. */
const Cancelled = lazyView(() => import('./steps/CancelledStatus.tsx').then((m) => m.CancelledStatus), {
  parts: STEP_PARTS.done,
});

/** Under a decision in flight: says it is still being made once the engine marks it slow (StillWorking.tsx). */
const StillWorking = lazyView(() => import('./StillWorking.tsx').then((m) => m.StillWorking), { parts: ['later'] });

// biome-ignore lint/suspicious/noExplicitAny: each view takes its own step type; the map is indexed by that type
type AnyStepView = FunctionComponent<{ step: any; ui: Ui }> | (new (props: { step: any; ui: Ui }) => Component);
const STEP_VIEWS = {
  survey: SurveyStep,
  offer: OfferStep,
  feedback: FeedbackStep,
  confirm: ConfirmStep,
  done: DoneStep,
  custom: CustomStep,
} as const satisfies Record<StepType, AnyStepView>;

/**
 * Fetches what a step of this type needs before it can show (nothing for a survey); with `nested`, also
 * the optional parts it shows that load on their own (see lazy.ts).
 */
export function preloadView(type: StepType | undefined, t: Translator, nested?: boolean): Promise<unknown> {
  const view = type && STEP_VIEWS[type];
  return view && 'preload' in view ? view.preload(t, nested) : Promise.resolve();
}

/**
 * Fetches every lazily loaded step's code and strings with its optional parts, the status line, and the
 * engine's and the adapter glue's code for taking an offer and confirming the cancel; called once the
 * first step is on screen.
 */
export const preloadSteps = (t: Translator): Promise<unknown> =>
  Promise.all([
    loadDecisions(),
    preloadDecisionCalls(),
    Cancelled.preload(t),
    StillWorking.preload(t),
    ...(Object.keys(STEP_VIEWS) as StepType[]).map((type) => preloadView(type, t, true)),
  ]);

/**
 * Fetches, while preparing, what the flow's first step needs (its first listed step: an offer step
 * with nothing to offer is skipped when the flow starts, and what follows is fetched then).
 */
export const preloadFirstStep = (flow: ResolvedFlow, t: Translator): Promise<unknown> =>
  preloadView(flow.steps[0]?.type, t);

const keepFocus = (event: MouseEvent) => {
  if (event.target === event.currentTarget) event.preventDefault();
};

// `:enabled` also leaves out controls disabled by a disabled <fieldset> around them.
const FOCUSABLE = ':is(button,input,textarea):enabled,a[href],[tabindex="0"]';

/**
 * The modal: the frame (labelled and described by the step's heading, focus kept inside, Escape
 * closes the flow as "abandoned", back and close in the header) around whatever step the engine is
 * on. It re-renders on every engine change; no rules here: the engine decides, the views show.
 */
export class App extends Component<{ ui: Ui }> {
  private dialog = createRef<HTMLDivElement>();
  private backdrop = createRef<HTMLDivElement>();
  private stop?: () => void;
  private stepId?: string | undefined;

  override componentDidMount() {
    let mounted = false; // the first call is the state the first render showed: no second render
    this.stop = this.props.ui.engine.state.subscribe(() => {
      if (mounted) this.forceUpdate();
      mounted = true;
    });
    this.stepId = this.props.ui.engine.step.peek()?.id;
    // Into the browser's top layer: above every z-index of the page (a chat launcher or cookie banner
    // at the maximum must not cover "Continue to cancel"), and placed on the viewport even when the
    // page transforms or filters its <body>, which would otherwise make `position: fixed` relative to it.
    this.backdrop.current?.showPopover?.();
  }

  /**
   * A new step starts at the top (its heading takes focus without scrolling, see Heading). An update
   * that removed the focused control (the withdrawal button, once the server says its period ended)
   * would leave the focus on the page's body, where Escape and Tab are not handled: the dialog takes it.
   */
  override componentDidUpdate() {
    const dialog = this.dialog.current;
    const stepId = this.props.ui.engine.step.peek()?.id;
    if (dialog) {
      if (stepId !== this.stepId) dialog.scrollTop = 0;
      // After a new step's heading has taken the focus (Heading: in a microtask, queued before this one).
      queueMicrotask(() => (dialog.getRootNode() as ShadowRoot).activeElement || dialog.focus({ preventScroll: true }));
    }
    this.stepId = stepId;
  }

  override componentWillUnmount() {
    this.stop?.();
  }

  private onKeyDown = (event: KeyboardEvent) => {
    const dialog = this.dialog.current;
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.props.ui.engine.close();
    } else if (event.key === 'Tab' && dialog) {
      const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
      const [first, last] = [focusable[0], focusable.at(-1)];
      const wrapTo = event.shiftKey
        ? active === first || !focusable.includes(active as HTMLElement)
          ? last
          : null
        : active === last
          ? first
          : null;
      if (wrapTo) {
        event.preventDefault();
        wrapTo.focus();
      }
    }
  };

  render({ ui }: { ui: Ui }) {
    const { engine, t } = ui;
    const step = engine.step.peek();
    const state = engine.state.peek();
    const View = step && (STEP_VIEWS[step.type] as AnyStepView | undefined);
    // A step type this widget does not know (a newer flow, or a typo the validator would have caught):
    // the crash guard fails open, rather than a frame with no way out.
    if (step && !View) throw new Error(`unknown step type "${step.type}"`);
    return (
      // A press on the dimmed page around the dialog keeps the focus where it is (else it falls to the
      // page's <body>, outside the dialog, where Escape and Tab are not handled).
      // biome-ignore lint/a11y/noStaticElementInteractions: no interaction of its own; it keeps focus in the dialog
      <div ref={this.backdrop} class="backdrop" popover="manual" onMouseDown={keepFocus}>
        <div
          ref={this.dialog}
          class="dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="cf-title"
          // The step's description, and an offer's title and text (the offer step has no description of
          // its own: without them a screen reader would announce "Before you go" and nothing more).
          // Only what is there: an offer or custom step has a description when the flow gives it one,
          // every other step a built-in one; with neither, no attribute pointing at nothing.
          aria-describedby={
            (step?.description || !/^(offer|custom)$/.test(step?.type as string) ? 'cf-description ' : '') +
              (engine.offer.peek() ? 'cf-offer' : '') || undefined
          }
          // Not once the decision is slow: its live line (StillWorking) must be announced.
          aria-busy={state.pending && !state.slow ? 'true' : undefined}
          lang={t.locale}
          dir={t.dir}
          // Focusable (not tabbable), so a click on its text keeps focus here, where Escape and Tab are handled.
          tabIndex={-1}
          onKeyDown={this.onKeyDown}
        >
          <div class="bar" lang={t.lang}>
            {engine.canGoBack.peek() ? (
              <button type="button" class="icon" onClick={() => engine.back()} aria-label={t.t('dialog.back')}>
                <span aria-hidden="true" class="arrow">
                  ←
                </span>
              </button>
            ) : (
              <span class="icon" />
            )}
            {state.status === 'running' && (
              <span class="progress">{t.t('dialog.step', { current: engine.progress.peek().index + 1 })}</span>
            )}
            <button type="button" class="icon" onClick={() => engine.close()} aria-label={t.t('dialog.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {state.status === 'cancelled' && step?.type !== 'done' && <Cancelled ui={ui} />}
          {step && View && <View key={step.id} step={step} ui={ui} />}
          {state.pending && <StillWorking ui={ui} />}
        </div>
      </div>
    );
  }
}
