import type { FlowEvent } from '../events.ts';
import type { Outcome, OutcomeStatus } from '../outcome.ts';
import { randomId } from '../random.ts';
import type { Deciding } from './decide.ts';
import { createNavigator } from './navigation.ts';
import { derived, store } from './store.ts';
import { type Draft, draft, type Failure, messageOf, raise, writtenText } from './transition.ts';
import type { EngineOptions, EngineState, FlowEngine } from './types.ts';

const added = (list: readonly string[], id: string): readonly string[] => (list.includes(id) ? list : [...list, id]);

let decisions: Promise<typeof import('./decide.ts')> | undefined;
/**
 * The code of the decisions that ask the backend (decide.ts), loaded once, when first needed (a failed
 * load is tried again next time). A UI may call it ahead, once its first screen is up.
 */
export const loadDecisions = (): Promise<typeof import('./decide.ts')> =>
  (decisions ??= import('./decide.ts').catch((error: unknown) => {
    decisions = undefined;
    throw error;
  }));

/**
 * The flow engine: a state machine over a resolved flow, its state observable (store.ts). It never does I/O; accepting an
 * offer and confirming the cancel go through `effects` (in decide.ts, loaded when first needed), and every transition
 * is reported as an event.
 */
export function createFlowEngine(options: EngineOptions): FlowEngine {
  const { sessionId, flow, subscriber, effects } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomId;
  const nav = createNavigator(flow);
  const decisionsCode = () => options.within?.(loadDecisions(), "the engine's decision code") ?? loadDecisions();
  const state = store<EngineState>({
    status: 'running',
    stepId: undefined,
    visited: [],
    followUp: '',
    feedback: '',
    offersShown: [],
    offersDeclined: [],
    ended: false,
  });
  let started = false;
  /** Per step, the text last sent as `feedback_submitted`, so a revisit does not send it twice. */
  const submitted = new Map<string, string>();
  let settle: (outcome: Outcome) => void = () => {};
  const outcome = new Promise<Outcome>((resolve) => {
    settle = resolve;
  });

  const outcomeOf = (s: EngineState, status: OutcomeStatus): Outcome => {
    const feedback = writtenText(s);
    return {
      status,
      sessionId,
      ...(s.reasonId !== undefined && { reason: s.reasonId }),
      ...(s.acceptedOffer && { offer: s.acceptedOffer.offerId }),
      ...(feedback !== undefined && { feedback }),
    };
  };

  /**
   * Applies one transition: the new state, its events, and (at the end) the outcome. A state
   * subscriber or the event sink may throw; the transition completes anyway and the error is
   * returned, so no effect ever runs twice because a listener failed.
   */
  const commit = (next: EngineState, drafts: readonly Draft[], final?: Outcome): Failure => {
    let failure: Failure;
    try {
      state.value = next;
    } catch (error) {
      failure = { error };
    }
    for (const d of drafts) {
      try {
        effects.emit({ id: newId(), sessionId, at: now().toISOString(), ...d } as FlowEvent);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (final) settle(final);
    return failure;
  };

  /** Shows a step: clears any error, picks the offer it shows, reports the view (and a new offer). */
  const arrive = (
    s: EngineState,
    stepId: string,
    visited: readonly string[],
    revisit = false,
  ): [EngineState, Draft[]] => {
    const step = nav.step(stepId);
    const base: EngineState = { ...s, stepId, visited, error: undefined, offerId: undefined };
    const offerId = step ? nav.offerOn(step, base, revisit) : undefined;
    const drafts = [draft('step_viewed', { stepId, stepType: step?.type ?? 'unknown' })];
    if (offerId === undefined) return [base, drafts];
    const offer = flow.offers[offerId];
    if (offer && !s.offersShown.includes(offerId)) {
      drafts.push(draft('offer_shown', { offerId, offerType: offer.type }));
    }
    const shown: EngineState = {
      ...base,
      offerId,
      offersShown: added(s.offersShown, offerId),
      offersDeclined: s.offersDeclined.filter((id) => id !== offerId),
    };
    return [shown, drafts];
  };

  const go = (s: EngineState, stepId: string, before: readonly Draft[] = []): Failure => {
    const [next, drafts] = arrive(s, stepId, [...s.visited, stepId]);
    return commit(next, [...before, ...drafts]);
  };

  const submit = (stepId: string, text: string): Draft[] => {
    if (!text.trim() || submitted.get(stepId) === text) return [];
    submitted.set(stepId, text);
    return [draft('feedback_submitted', { stepId, text })];
  };

  /** Leaving a question forward sends what was written there (going back or closing does not). */
  const leaving = (s: EngineState): Draft[] => {
    const step = nav.step(s.stepId);
    if (step?.type === 'survey') return submit(step.id, s.followUp);
    if (step?.type === 'feedback') return submit(step.id, s.feedback);
    return [];
  };

  const declineDraft = (offerId: string): Draft[] => {
    const offer = flow.offers[offerId];
    return offer ? [draft('offer_declined', { offerId, offerType: offer.type })] : [];
  };

  /**
   * The state when the subscriber may act: started, not over, nothing in flight. Actions read with
   * `peek()` so that calling one inside a caller's effect does not subscribe that effect to the state.
   */
  const idle = (): EngineState | undefined => {
    const s = state.peek();
    return started && !s.ended && s.pending === undefined ? s : undefined;
  };

  const closeNow = (): Failure => {
    const s = state.peek();
    if (s.ended) return undefined;
    if (s.status === 'running') {
      const final = outcomeOf(s, 'abandoned');
      return commit(
        { ...s, status: 'abandoned', ended: true, error: undefined },
        [
          draft('session_abandoned', s.stepId === undefined ? {} : { stepId: s.stepId }),
          draft('session_completed', { status: 'abandoned' }),
        ],
        final,
      );
    }
    const status = s.status === 'saved' || s.status === 'cancelled' ? s.status : 'error';
    return commit({ ...s, ended: true }, [draft('session_completed', { status })], outcomeOf(s, status));
  };

  const canGoBack = derived(
    state,
    (s) => started && !s.ended && s.status === 'running' && s.pending === undefined && s.visited.length > 1,
  );

  const deciding: Deciding = {
    sessionId,
    flow,
    effects,
    nav,
    state,
    commit,
    go,
    endAtDecision: options.endAtDecision === true,
    after: options.after,
    end: closeNow,
    acceptFailed: (message) =>
      commit({ ...state.peek(), pending: undefined, error: { code: 'offer_failed', message } }, []),
    cancelFailed(error) {
      // Fail open: the session ends as `error` and the widget lets the site's own cancel action run.
      const current = state.peek();
      const message = messageOf(error);
      return commit(
        { ...current, status: 'error', pending: undefined, ended: true, error: { code: 'cancel_failed', message } },
        [draft('session_completed', { status: 'error' })],
        { ...outcomeOf(current, 'error'), error: message },
      );
    },
  };

  return {
    state,
    step: derived(state, (s) => nav.step(s.stepId)),
    offer: derived(state, ({ offerId: id }) => {
      return id !== undefined && Object.hasOwn(flow.offers, id) ? flow.offers[id] : undefined;
    }),
    progress: derived(state, (s) => ({ index: Math.max(0, s.visited.length - 1) })),
    exits: derived(state, (s) => {
      const step = nav.step(s.stepId);
      const running = started && !s.ended && s.status === 'running';
      const question = step?.type === 'survey' || step?.type === 'feedback' || step?.type === 'custom';
      return {
        // Where moving on lands on the confirm step anyway, "Continue to cancel" is that way.
        next: question && !s.ended && (s.status === 'cancelled' || (running && nav.forward(s, step) !== nav.confirmId)),
        cancel: running && s.stepId !== nav.confirmId,
        decline: step?.type === 'done' && s.offerId !== undefined,
      };
    }),
    canGoBack,
    outcome,

    start() {
      const s = state.peek();
      if (started || s.ended) return;
      started = true;
      const first = nav.first(s);
      const [next, drafts] = arrive(s, first, [first]);
      const startedDraft = draft('session_started', {
        flowId: flow.config.id,
        flowVersion: flow.config.version,
        locale: options.locale ?? subscriber.locale ?? flow.config.defaultLocale ?? 'en',
        ...(flow.experiment && { variant: flow.experiment.variant }),
        profiles: [...flow.profiles],
      });
      raise(commit(next, [startedDraft, ...drafts]));
    },

    selectReason(reasonId) {
      const s = idle();
      const step = nav.step(s?.stepId);
      if (!s || step?.type !== 'survey' || s.reasonId === reasonId) return;
      if (!step.reasons.some((r) => r.id === reasonId)) return;
      // A follow-up answers the previous reason's prompt; it does not carry over.
      raise(commit({ ...s, reasonId, followUp: '', error: undefined }, [draft('reason_selected', { reasonId })]));
    },

    writeFollowUp(text) {
      const s = idle();
      const step = nav.step(s?.stepId);
      if (!s || step?.type !== 'survey') return;
      const prompt = step.reasons.find((r) => r.id === s.reasonId)?.followUp;
      if (!prompt) return;
      const followUp = text.slice(0, prompt.maxLength ?? 500);
      if (followUp !== s.followUp) raise(commit({ ...s, followUp }, []));
    },

    writeFeedback(text) {
      const s = idle();
      const step = nav.step(s?.stepId);
      if (!s || step?.type !== 'feedback') return;
      const feedback = text.slice(0, step.maxLength ?? 1000);
      if (feedback !== s.feedback) raise(commit({ ...s, feedback }, []));
    },

    next() {
      const s = idle();
      const step = nav.step(s?.stepId);
      if (!s || !step || (step.type !== 'survey' && step.type !== 'feedback' && step.type !== 'custom')) return;
      if (s.status === 'running') raise(go(s, nav.forward(s, step), leaving(s)));
      else if (s.status === 'cancelled') raise(go(s, nav.afterCancel(step.id), leaving(s)));
    },

    async acceptOffer(choice) {
      const s = idle();
      const offerId = s?.offerId;
      const offer = offerId === undefined ? undefined : flow.offers[offerId];
      if (!s || offerId === undefined || !offer) return;
      // Pending before anything is awaited: a second click meanwhile finds the engine busy.
      const pending = commit({ ...s, pending: 'accept', error: undefined }, []);
      let decide: Awaited<ReturnType<typeof loadDecisions>>;
      try {
        decide = await decisionsCode();
      } catch (error) {
        raise(pending, deciding.acceptFailed(messageOf(error)));
        return;
      }
      await decide.acceptOffer(deciding, s, offerId, offer, choice, pending);
    },

    declineOffer() {
      const s = idle();
      const step = nav.step(s?.stepId);
      const offerId = s?.offerId;
      if (!s || !step || offerId === undefined) return;
      const declined: EngineState = { ...s, offersDeclined: added(s.offersDeclined, offerId), error: undefined };
      if (step.type === 'done') {
        // After the cancel the card just goes away; the subscriber stays on the receipt.
        raise(commit({ ...declined, offerId: undefined }, declineDraft(offerId)));
      } else if (step.type === 'offer' && s.status === 'running') {
        raise(go(declined, nav.forward(declined, step), declineDraft(offerId)));
      }
    },

    continueToCancel() {
      const s = idle();
      if (s?.status !== 'running' || s.stepId === nav.confirmId) return;
      const drafts = leaving(s);
      let base = s;
      if (s.offerId !== undefined) {
        drafts.push(...declineDraft(s.offerId));
        base = { ...s, offersDeclined: added(s.offersDeclined, s.offerId) };
      }
      raise(go(base, nav.confirmId, drafts));
    },

    back() {
      const s = state.peek();
      const target = s.visited[s.visited.length - 2];
      if (!canGoBack.peek() || target === undefined) return;
      const [next, drafts] = arrive(s, target, s.visited.slice(0, -1), true);
      raise(commit(next, drafts));
    },

    async confirmCancel(choice) {
      const s = idle();
      if (s?.status !== 'running' || nav.step(s.stepId)?.type !== 'confirm') return;
      const pending = commit({ ...s, pending: 'cancel', error: undefined }, []);
      let decide: Awaited<ReturnType<typeof loadDecisions>>;
      try {
        decide = await decisionsCode();
      } catch (error) {
        raise(pending, deciding.cancelFailed(error));
        return;
      }
      await decide.confirmCancel(deciding, s, choice?.withdraw === true, pending);
    },

    close() {
      // Not while an accept or cancel is in flight: its result shows first (the done step, the
      // receipt, the offer's error), so the subscriber never leaves guessing what their last click did.
      if (state.peek().pending === undefined) raise(closeNow());
    },
  };
}
