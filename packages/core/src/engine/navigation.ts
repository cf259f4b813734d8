import type { Step } from '../config/index.ts';
import type { EngineState, ResolvedFlow } from './types.ts';

/**
 * Where the subscriber goes from each step, as pure functions of the resolved flow and the state:
 * the engine moves with them and `exits` asks them where each way on leads.
 */
export interface Navigator {
  step(id: string | undefined): Step | undefined;
  readonly confirmId: string;
  readonly doneId: string;
  /** The first step shown. */
  first(state: EngineState): string;
  /** Leaving `from` forward before the cancel: its `next` (or the chosen reason's), else the following step. */
  forward(state: EngineState, from: Step): string;
  /** The step after `from` once the cancel is confirmed: remaining questions, then done. */
  afterCancel(from: string): string;
  /** The offer an offer step (or the done step after a cancel) shows, if any. */
  offerOn(step: Step, state: EngineState, revisit?: boolean): string | undefined;
}

export function createNavigator(flow: ResolvedFlow): Navigator {
  const { steps } = flow;
  const byId = new Map<string, Step>();
  for (const s of steps) if (!byId.has(s.id)) byId.set(s.id, s);
  // resolveFlow guarantees both exist.
  const confirmIndex = steps.findIndex((s) => s.type === 'confirm');
  const confirmId = steps[confirmIndex]?.id ?? '';
  const doneId = steps.find((s) => s.type === 'done')?.id ?? '';
  const postCancel = [
    ...steps
      .slice(confirmIndex + 1)
      .filter((s) => s.type === 'survey' || s.type === 'feedback' || s.type === 'custom')
      .map((s) => s.id),
    doneId,
  ];
  const maxOffers = flow.config.limits?.maxOffersPerSession ?? 1;

  const following = (id: string): string => steps[steps.findIndex((s) => s.id === id) + 1]?.id ?? confirmId;

  const offerOn = (step: Step, state: EngineState, revisit = false): string | undefined => {
    let candidates: (string | undefined)[] = [];
    if (step.type === 'offer' && state.status === 'running' && flow.offersBeforeCancel) {
      const fixed = step.offer !== undefined && Object.hasOwn(flow.offers, step.offer) ? step.offer : undefined;
      const forReason =
        state.reasonId !== undefined && Object.hasOwn(flow.reasonOffers, state.reasonId)
          ? flow.reasonOffers[state.reasonId]?.id
          : undefined;
      // The offer that fits the stated reason first; the step's own offer when there is none.
      candidates = [forReason, fixed];
    } else if (step.type === 'done' && state.status === 'cancelled') {
      candidates = [flow.afterCancelOffer];
    }
    return candidates.find(
      (id) =>
        id !== undefined &&
        (revisit || !state.offersDeclined.includes(id)) &&
        (state.offersShown.includes(id) || state.offersShown.length < maxOffers),
    );
  };

  /** From `id` on, the first step that will really show: skips offer steps with nothing to offer. */
  const settle = (state: EngineState, id: string | undefined): string => {
    let current = id;
    for (let hops = 0; hops <= steps.length; hops++) {
      const step = current === undefined ? undefined : byId.get(current);
      // Before the cancel, every road that leaves the questions (an unknown id, the done step) leads to confirm.
      if (!step || step.type === 'confirm' || step.type === 'done') return confirmId;
      if (step.type !== 'offer' || offerOn(step, state) !== undefined) return step.id;
      current = step.next ?? following(step.id);
    }
    // A ring of empty offer steps: cancelling is always a way out.
    return confirmId;
  };

  const forward = (state: EngineState, from: Step): string => {
    if (from.type === 'confirm' || from.type === 'done') return confirmId;
    const reason = from.type === 'survey' ? from.reasons.find((r) => r.id === state.reasonId) : undefined;
    const target = settle(state, reason?.next ?? from.next ?? following(from.id));
    // A step whose `next` is itself would trap the subscriber in place: the way on is the cancel.
    return target === from.id ? confirmId : target;
  };

  const afterCancel = (from: string): string => postCancel[postCancel.indexOf(from) + 1] ?? doneId;

  return {
    step: (id) => (id === undefined ? undefined : byId.get(id)),
    confirmId,
    doneId,
    first: (state) => settle(state, steps[0]?.id),
    forward,
    afterCancel,
    offerOn,
  };
}
