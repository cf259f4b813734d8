import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FlowEngine, FlowEvent, OfferChoice, ResolvedFlow, ResolvedOffer, ResolveInput } from '../src/index.ts';
import { createFlowEngine, isOfferEligible, resolveFlow } from '../src/index.ts';
import { type Action, resolveInput, script, withProfile } from './arbitraries.ts';
import { RECEIPT } from './engine-harness.ts';

const RUNS = { numRuns: 200 };

function choiceFor(offer: ResolvedOffer | undefined, valid: boolean): OfferChoice | undefined {
  if (offer?.type === 'pause') {
    const count = valid ? offer.max : offer.max + 1;
    return offer.unit === 'week' ? { weeks: count } : { months: count };
  }
  if (offer?.type === 'plan_change') return { planId: valid ? offer.plans[0]?.id : 'no-such-plan' };
  return valid ? undefined : { months: 1 };
}

async function perform(engine: FlowEngine, a: Action): Promise<void> {
  const step = engine.step.value;
  switch (a.kind) {
    case 'select': {
      const reasons = step?.type === 'survey' ? step.reasons : [];
      engine.selectReason(reasons[a.index % Math.max(1, reasons.length)]?.id ?? 'none');
      return;
    }
    case 'followUp':
      return engine.writeFollowUp(a.text);
    case 'feedback':
      return engine.writeFeedback(a.text);
    case 'accept':
      return engine.acceptOffer(choiceFor(engine.offer.value, a.valid));
    case 'next':
      return engine.next();
    case 'decline':
      return engine.declineOffer();
    case 'continueToCancel':
      return engine.continueToCancel();
    case 'back':
      return engine.back();
    case 'confirmCancel':
      return engine.confirmCancel();
    case 'close':
      return engine.close();
  }
}

interface Session {
  readonly engine: FlowEngine;
  readonly events: FlowEvent[];
  /** From now on every backend call succeeds. */
  healBackend(): void;
}

/** Replays a session from the start: the engine is deterministic, so a replay reaches the same state. */
async function play(input: ResolveInput, actions: readonly Action[], backend: readonly boolean[]): Promise<Session> {
  const flow = resolveFlow(input);
  const events: FlowEvent[] = [];
  let calls = 0;
  let healed = false;
  const respond = async () => {
    if (!healed && backend[calls++ % backend.length] === false) throw new Error('backend down');
  };
  let ids = 0;
  const engine = createFlowEngine({
    sessionId: 'sess',
    flow,
    subscriber: input.subscriber,
    now: () => input.now,
    newId: () => `e${++ids}`,
    effects: {
      acceptOffer: respond,
      confirmCancel: async () => {
        await respond();
        return RECEIPT;
      },
      emit: (event) => events.push(event),
    },
  });
  engine.start();
  for (const a of actions) await perform(engine, a);
  return { engine, events, healBackend: () => (healed = true) };
}

const before = (events: readonly FlowEvent[]) => {
  const cancelAt = events.findIndex((e) => e.type === 'cancel_confirmed');
  return cancelAt === -1 ? events : events.slice(0, cancelAt);
};

describe('engine properties over generated flows and subscribers', () => {
  test('from every reachable state a confirmed cancel is at most 2 actions away', async () => {
    await fc.assert(
      fc.asyncProperty(resolveInput, script, async (input, { actions, backend }) => {
        for (let k = 0; k <= actions.length; k++) {
          const session = await play(input, actions.slice(0, k), backend);
          const state = session.engine.state.value;
          if (state.ended || state.status !== 'running') continue;
          session.healBackend();
          session.engine.continueToCancel();
          await session.engine.confirmCancel();
          expect(session.engine.state.value.status).toBe('cancelled');
        }
      }),
      RUNS,
    );
  });

  test('no reachable state is a dead end', async () => {
    const moves: Action[] = [
      { kind: 'next' },
      { kind: 'decline' },
      { kind: 'continueToCancel' },
      { kind: 'confirmCancel' },
    ];
    await fc.assert(
      fc.asyncProperty(resolveInput, script, async (input, { actions, backend }) => {
        for (let k = 0; k <= actions.length; k++) {
          const prefix = actions.slice(0, k);
          const here = (await play(input, prefix, backend)).engine;
          if (here.state.value.ended) continue;
          if (here.step.value?.type === 'done') {
            // The end of the road: closing it ends the session with its outcome.
            here.close();
            expect(here.state.value.ended).toBe(true);
            await expect(here.outcome).resolves.toMatchObject({ status: here.state.value.status });
            continue;
          }
          let moved = false;
          for (const move of moves) {
            const session = await play(input, prefix, backend);
            session.healBackend();
            const start = session.engine.state.value;
            await perform(session.engine, move);
            if (session.engine.state.value !== start) moved = true;
          }
          expect(moved, `stuck on ${here.state.value.stepId}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('the ways on the engine exposes each do something, and no two lead to the same step', async () => {
    const exitMoves = {
      next: { kind: 'next' },
      cancel: { kind: 'continueToCancel' },
      decline: { kind: 'decline' },
    } as const;
    await fc.assert(
      fc.asyncProperty(resolveInput, script, async (input, { actions, backend }) => {
        for (let k = 0; k <= actions.length; k++) {
          const prefix = actions.slice(0, k);
          const here = (await play(input, prefix, backend)).engine;
          const { state, exits } = { state: here.state.value, exits: here.exits.value };
          if (state.ended || state.pending !== undefined) continue;
          const landed: Record<string, string | undefined> = {};
          for (const [exit, move] of Object.entries(exitMoves)) {
            if (!exits[exit as keyof typeof exitMoves]) continue;
            const session = await play(input, prefix, backend);
            await perform(session.engine, move);
            expect(session.engine.state.value, `${exit} on ${state.stepId}`).not.toBe(state);
            landed[exit] = session.engine.state.value.stepId;
          }
          if (landed.next !== undefined && landed.cancel !== undefined) expect(landed.next).not.toBe(landed.cancel);
          // Every step but the confirm and done steps has a way on.
          const type = here.step.value?.type;
          if (type !== 'confirm' && type !== 'done') expect(exits.next || exits.cancel).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('under us-mn no offer is ever shown before the cancel', async () => {
    await fc.assert(
      fc.asyncProperty(withProfile('us-mn'), script, async (input, { actions, backend }) => {
        const session = await play(input, [], backend);
        expect(session.engine.offer.value).toBeUndefined();
        for (const a of actions) {
          await perform(session.engine, a);
          if (session.engine.state.value.status === 'running') expect(session.engine.offer.value).toBeUndefined();
        }
        expect(before(session.events).filter((e) => e.type === 'offer_shown')).toEqual([]);
        expect(resolveFlow(input).reasonOffers).toEqual({});
      }),
      RUNS,
    );
  });

  test('under de the first step shown is the confirm page, and no question comes before the cancel', async () => {
    await fc.assert(
      fc.asyncProperty(withProfile('de'), script, async (input, { actions, backend }) => {
        const { events } = await play(input, actions, backend);
        const views = before(events).filter((e) => e.type === 'step_viewed');
        expect(views[0]?.payload).toMatchObject({ stepType: 'confirm' });
        for (const view of views) expect(view.payload).toMatchObject({ stepType: 'confirm' });
        expect(before(events).filter((e) => e.type === 'offer_shown')).toEqual([]);
      }),
      RUNS,
    );
  });

  test('every offer shown or accepted passes the server re-check, within the session limit', async () => {
    await fc.assert(
      fc.asyncProperty(resolveInput, script, async (input, { actions, backend }) => {
        const { events } = await play(input, actions, backend);
        // The server recomputes the resolution; the browser gets it as JSON.
        const flow: ResolvedFlow = JSON.parse(JSON.stringify(resolveFlow(input)));
        let cancelled = false;
        const shown = new Set<string>();
        for (const e of events) {
          if (e.type === 'cancel_confirmed') cancelled = true;
          if (e.type === 'offer_shown' || e.type === 'offer_accepted') {
            expect(isOfferEligible(flow, e.payload.offerId, cancelled ? 'after_cancel' : 'before_cancel')).toBe(true);
            shown.add(e.payload.offerId);
          }
        }
        expect(shown.size).toBeLessThanOrEqual(input.config.limits.maxOffersPerSession);
      }),
      RUNS,
    );
  });

  test('events are unique, the session completes at most once, and the outcome settles exactly when it ends', async () => {
    await fc.assert(
      fc.asyncProperty(resolveInput, script, async (input, { actions, backend }) => {
        const { engine, events } = await play(input, actions, backend);
        expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
        const completed = events.filter((e) => e.type === 'session_completed');
        const state = engine.state.value;
        expect(completed).toHaveLength(state.ended ? 1 : 0);
        let settled = false;
        void engine.outcome.then(() => {
          settled = true;
        });
        // Let every pending promise callback run: a settled outcome has reported by then.
        await new Promise((resolve) => setTimeout(resolve));
        expect(settled).toBe(state.ended);
        expect(engine.progress.value.index).toBe(Math.max(0, state.visited.length - 1));
      }),
      RUNS,
    );
  });

  test('the generators reach every kind of session, so the properties above are not vacuous', async () => {
    const seen = new Set<string>();
    const samples = fc.sample(fc.tuple(resolveInput, script), { numRuns: 300, seed: 7 });
    for (const [input, { actions, backend }] of samples) {
      const { engine, events } = await play(input, actions, backend);
      seen.add(engine.state.value.status);
      for (const e of events) seen.add(e.type);
      for (const e of events) if (e.type === 'step_viewed') seen.add(`step:${e.payload.stepType}`);
    }
    for (const wanted of [
      'running',
      'saved',
      'cancelled',
      'abandoned',
      'error',
      'offer_shown',
      'offer_accepted',
      'offer_declined',
      'feedback_submitted',
      'step:survey',
      'step:offer',
      'step:feedback',
      'step:custom',
      'step:done',
    ]) {
      expect(seen, wanted).toContain(wanted);
    }
  });
});
