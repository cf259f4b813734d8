import { describe, expect, test } from 'vitest';
import type { EngineOptions, Receipt } from '../src/index.ts';
import { baseFlow, engineFor, NOW, RECEIPT, resolve, started } from './engine-harness.ts';

describe('start', () => {
  test('reports the session and the first step, once', () => {
    const run = engineFor(resolve(baseFlow()), { locale: 'de' });
    run.engine.selectReason('price');
    expect(run.events).toEqual([]);
    run.engine.start();
    run.engine.start();
    expect(run.events.map((e) => [e.type, e.payload])).toEqual([
      ['session_started', { flowId: 'test-flow', flowVersion: 3, locale: 'de', profiles: ['us-ftc'] }],
      ['step_viewed', { stepId: 'why', stepType: 'survey' }],
    ]);
    expect(run.events[0]).toMatchObject({ id: 'evt_1', sessionId: 'sess_1', at: NOW.toISOString() });
    expect(run.engine.state.value).toMatchObject({ status: 'running', stepId: 'why', visited: ['why'] });
    expect(run.engine.step.value?.id).toBe('why');
    expect(run.engine.canGoBack.value).toBe(false);
  });

  test('records the experiment variant the subscriber is in', () => {
    const run = started(
      baseFlow({
        experiments: [
          {
            id: 'exp',
            variants: [
              { id: 'only', weight: 1 },
              { id: 'never', weight: 0 },
            ],
          },
        ],
      }),
    );
    expect(run.events[0]?.payload).toMatchObject({ variant: 'only' });
  });
});

describe('questions are optional', () => {
  test('next() with nothing answered moves on, skipping the offer step that has nothing to show', () => {
    const run = started();
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('feedback');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('confirm');
    expect(run.types()).not.toContain('feedback_submitted');
  });

  test('next() does nothing on steps that are not questions', () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('offer');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('offer');
    run.engine.continueToCancel();
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('confirm');
  });

  test('a custom step is a question like the others', () => {
    const input = baseFlow();
    input.steps = [{ id: 'nps', type: 'custom', kind: 'nps' }, ...input.steps];
    const run = started(input);
    expect(run.engine.step.value?.type).toBe('custom');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('why');
  });
});

describe('reasons and written answers', () => {
  test('selecting reports the reason once per change and drops the previous follow-up', () => {
    const run = started();
    run.engine.selectReason('bugs');
    run.engine.writeFollowUp('It crashes');
    run.engine.selectReason('bugs');
    run.engine.selectReason('nope');
    expect(run.types().filter((t) => t === 'reason_selected')).toHaveLength(1);
    expect(run.engine.state.value.followUp).toBe('It crashes');
    run.engine.selectReason('price');
    expect(run.engine.state.value).toMatchObject({ reasonId: 'price', followUp: '' });
  });

  test('a follow-up needs a reason with a prompt and is cut at its maxLength', () => {
    const run = started();
    run.engine.writeFollowUp('no reason yet');
    expect(run.engine.state.value.followUp).toBe('');
    run.engine.selectReason('price');
    run.engine.writeFollowUp('no prompt for this one');
    expect(run.engine.state.value.followUp).toBe('');
    run.engine.selectReason('bugs');
    run.engine.writeFollowUp('x'.repeat(30));
    expect(run.engine.state.value.followUp).toBe('x'.repeat(20));
  });

  test('leaving forward submits what was written; whitespace and repeats are not submitted', () => {
    const run = started();
    run.engine.selectReason('bugs');
    run.engine.writeFollowUp('It crashes');
    run.engine.next();
    run.engine.declineOffer();
    expect(run.engine.state.value.stepId).toBe('feedback');
    run.engine.writeFeedback('   ');
    run.engine.next();
    run.engine.back();
    run.engine.writeFeedback('Please add SSO');
    run.engine.back();
    run.engine.continueToCancel();
    run.engine.back();
    run.engine.next();
    const submitted = run.events.filter((e) => e.type === 'feedback_submitted').map((e) => e.payload);
    expect(submitted).toEqual([{ stepId: 'why', text: 'It crashes' }]);
  });

  test('feedback is cut at the step maxLength and submitted when leaving the feedback step', () => {
    const run = started();
    run.engine.next();
    run.engine.writeFeedback('y'.repeat(80));
    expect(run.engine.state.value.feedback).toHaveLength(50);
    run.engine.continueToCancel();
    expect(run.events.at(-2)).toMatchObject({ type: 'feedback_submitted', payload: { stepId: 'feedback' } });
  });
});

describe('offers', () => {
  test('the offer step shows the offer for the chosen reason, once reported', () => {
    const run = started();
    run.engine.selectReason('unused');
    run.engine.next();
    expect(run.engine.offer.value).toMatchObject({ id: 'pause', type: 'pause' });
    expect(run.events.at(-1)).toMatchObject({ type: 'offer_shown', payload: { offerId: 'pause', offerType: 'pause' } });
    run.engine.back();
    run.engine.next();
    expect(run.types().filter((t) => t === 'offer_shown')).toHaveLength(1);
  });

  test('without a reason offer the step falls back to its own offer', () => {
    const input = baseFlow();
    input.steps[1] = { id: 'offer', type: 'offer', offer: 'talk' };
    const run = started(input);
    run.engine.selectReason('other');
    run.engine.next();
    expect(run.engine.offer.value?.id).toBe('talk');
  });

  test('declining reports it and moves on; the declined offer is not shown again going forward', () => {
    const input = baseFlow();
    input.limits = { maxOffersPerSession: 3 };
    input.steps.splice(2, 0, { id: 'again', type: 'offer' });
    const run = started(input);
    run.engine.selectReason('price');
    run.engine.next();
    run.engine.declineOffer();
    expect(run.events.at(-2)).toMatchObject({ type: 'offer_declined', payload: { offerId: 'discount' } });
    expect(run.engine.state.value).toMatchObject({ stepId: 'feedback', offersDeclined: ['discount'] });
    expect(run.engine.offer.value).toBeUndefined();
    // Going back shows the offer again, as the subscriber left it.
    run.engine.back();
    expect(run.engine.state.value).toMatchObject({ stepId: 'offer', offerId: 'discount', offersDeclined: [] });
  });

  test('maxOffersPerSession skips offer steps once reached', () => {
    const input = baseFlow();
    input.steps.splice(2, 0, { id: 'second', type: 'offer', offer: 'talk' });
    const run = started(input);
    run.engine.selectReason('price');
    run.engine.next();
    run.engine.declineOffer();
    expect(run.engine.state.value.stepId).toBe('feedback');
    expect(run.engine.state.value.offersShown).toEqual(['discount']);
  });

  test('accepting saves the subscriber and shows the done step', async () => {
    const run = started();
    run.engine.selectReason('unused');
    run.engine.next();
    await run.engine.acceptOffer({ months: 2 });
    expect(run.accepts).toEqual([{ offerId: 'pause', choice: { months: 2 } }]);
    expect(run.engine.state.value).toMatchObject({
      status: 'saved',
      stepId: 'done',
      acceptedOffer: { offerId: 'pause', choice: { months: 2 } },
    });
    expect(run.types().slice(-2)).toEqual(['offer_accepted', 'step_viewed']);
    expect(run.engine.offer.value).toBeUndefined();
    expect(run.engine.canGoBack.value).toBe(false);
    run.engine.close();
    await expect(run.engine.outcome).resolves.toEqual({
      status: 'saved',
      sessionId: 'sess_1',
      reason: 'unused',
      offer: 'pause',
    });
  });

  test('a contact offer is never taken: its accept fails before the backend hears of it, and the flow goes on', async () => {
    const run = started();
    run.engine.selectReason('bugs');
    run.engine.next();
    expect(run.engine.offer.value?.id).toBe('talk');
    await run.engine.acceptOffer();
    expect(run.accepts).toEqual([]);
    expect(run.engine.state.value).toMatchObject({
      status: 'running',
      stepId: 'offer',
      error: { code: 'offer_failed', message: expect.stringMatching(/contact offer is not taken/) },
    });
    expect(run.types()).not.toContain('offer_accepted');
  });

  test('a second accept while one is in flight does nothing', async () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    run.hold();
    const first = run.engine.acceptOffer();
    expect(run.engine.state.value.pending).toBe('accept');
    const second = run.engine.acceptOffer();
    run.engine.declineOffer();
    run.engine.continueToCancel();
    run.release();
    await Promise.all([first, second]);
    expect(run.accepts).toHaveLength(1);
    expect(run.engine.state.value).toMatchObject({ status: 'saved', stepId: 'done' });
  });

  test('a failed accept shows an error, stays, and can be retried; the error clears on moving on', async () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    run.failNext('card declined');
    await run.engine.acceptOffer();
    expect(run.engine.state.value).toMatchObject({
      status: 'running',
      stepId: 'offer',
      error: { code: 'offer_failed', message: 'card declined' },
    });
    expect(run.engine.state.value.pending).toBeUndefined();
    run.engine.continueToCancel();
    expect(run.engine.state.value.error).toBeUndefined();
    run.engine.back();
    run.failNext('still down');
    await run.engine.acceptOffer();
    await run.engine.acceptOffer();
    expect(run.accepts).toHaveLength(3);
    expect(run.engine.state.value.status).toBe('saved');
  });

  test('an invalid choice is refused before the backend is asked', async () => {
    const run = started();
    run.engine.selectReason('unused');
    run.engine.next();
    await run.engine.acceptOffer({ months: 9 });
    await run.engine.acceptOffer({ weeks: 1 });
    expect(run.accepts).toEqual([]);
    expect(run.engine.state.value.error).toEqual({ code: 'offer_failed', message: 'choose a pause of 1 to 3 months' });
  });

  test('a plan change needs one of its plans', async () => {
    const input = baseFlow();
    input.steps[0] = { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'Price', offer: 'downgrade' }] };
    const run = started(input);
    run.engine.selectReason('price');
    run.engine.next();
    await run.engine.acceptOffer();
    await run.engine.acceptOffer({ planId: 'gold' });
    expect(run.accepts).toEqual([]);
    await run.engine.acceptOffer({ planId: 'lite' });
    expect(run.accepts).toEqual([{ offerId: 'downgrade', choice: { planId: 'lite' } }]);
  });

  test('a listener that throws after the offer was applied does not apply it again', async () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    const dispose = run.engine.state.subscribe((state) => {
      if (state.status === 'saved') throw new Error('listener bug');
    });
    await expect(run.engine.acceptOffer()).rejects.toThrow('listener bug');
    dispose();
    await run.engine.acceptOffer();
    expect(run.accepts).toHaveLength(1);
    expect(run.engine.state.value).toMatchObject({ status: 'saved', stepId: 'done', pending: undefined });
    expect(run.types().slice(-2)).toEqual(['offer_accepted', 'step_viewed']);
  });

  test('an event sink that throws does not stop the transition or repeat the effect', async () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    const emit = run.effects.emit;
    run.effects.emit = (event) => {
      emit(event);
      if (event.type === 'offer_accepted') throw new Error('sink bug');
    };
    await expect(run.engine.acceptOffer()).rejects.toThrow('sink bug');
    await run.engine.acceptOffer();
    expect(run.accepts).toHaveLength(1);
    expect(run.types().slice(-2)).toEqual(['offer_accepted', 'step_viewed']);
  });
});

describe('continue to cancel', () => {
  test.each([
    ['survey', []],
    ['offer', ['select', 'next']],
    ['feedback', ['next']],
  ])('from the %s step goes straight to confirm', (stepType, moves) => {
    const run = started();
    for (const move of moves) {
      if (move === 'select') run.engine.selectReason('price');
      if (move === 'next') run.engine.next();
    }
    expect(run.engine.step.value?.type).toBe(stepType);
    run.engine.continueToCancel();
    expect(run.engine.step.value?.type).toBe('confirm');
  });

  test('leaving an offer this way counts as declining it', () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    run.engine.continueToCancel();
    expect(run.types().slice(-2)).toEqual(['offer_declined', 'step_viewed']);
  });
});

describe('confirm the cancel', () => {
  test('sends reason and written text, stores the receipt and shows the done step', async () => {
    const run = started();
    run.engine.selectReason('bugs');
    run.engine.writeFollowUp('crash');
    run.engine.next();
    run.engine.declineOffer();
    run.engine.writeFeedback('bye');
    run.engine.next();
    await run.engine.confirmCancel();
    expect(run.cancels).toEqual([{ reasonId: 'bugs', feedback: 'crash\n\nbye' }]);
    expect(run.engine.state.value).toMatchObject({ status: 'cancelled', stepId: 'done', receipt: RECEIPT });
    expect(run.events.at(-2)).toMatchObject({
      type: 'cancel_confirmed',
      payload: { reasonId: 'bugs', receiptId: 'rcpt_1' },
    });
    expect(run.engine.canGoBack.value).toBe(false);
    run.engine.close();
    run.engine.close();
    await expect(run.engine.outcome).resolves.toEqual({
      status: 'cancelled',
      sessionId: 'sess_1',
      reason: 'bugs',
      feedback: 'crash\n\nbye',
    });
    expect(run.types().filter((t) => t === 'session_completed')).toHaveLength(1);
    expect(run.engine.state.value.ended).toBe(true);
  });

  test('only on the confirm step, and only once while in flight', async () => {
    const run = started();
    await run.engine.confirmCancel();
    expect(run.cancels).toHaveLength(0);
    run.engine.continueToCancel();
    run.hold();
    const first = run.engine.confirmCancel();
    const second = run.engine.confirmCancel();
    run.engine.back();
    expect(run.engine.canGoBack.value).toBe(false);
    run.release();
    await Promise.all([first, second]);
    expect(run.cancels).toHaveLength(1);
  });

  test('a failure ends the session as an error so the site can cancel by itself', async () => {
    const run = started();
    run.engine.selectReason('other');
    run.engine.continueToCancel();
    run.failNext('billing down');
    await run.engine.confirmCancel();
    expect(run.engine.state.value).toMatchObject({
      status: 'error',
      ended: true,
      error: { code: 'cancel_failed', message: 'billing down' },
    });
    await expect(run.engine.outcome).resolves.toEqual({
      status: 'error',
      sessionId: 'sess_1',
      reason: 'other',
      error: 'billing down',
    });
    expect(run.types().at(-1)).toBe('session_completed');
    run.engine.close();
    await run.engine.confirmCancel();
    expect(run.cancels).toHaveLength(1);
    expect(run.types().filter((t) => t === 'session_completed')).toHaveLength(1);
  });

  test('an answer without a receipt fails open too, rather than leaving the cancel pending for good', async () => {
    const run = started();
    // A JavaScript adapter that forgot its `return`: the cancel went through, the receipt never came.
    run.effects.confirmCancel = async () => undefined as unknown as Receipt;
    run.engine.continueToCancel();
    await run.engine.confirmCancel();
    expect(run.engine.state.value).toMatchObject({ status: 'error', pending: undefined, ended: true });
    await expect(run.engine.outcome).resolves.toMatchObject({
      status: 'error',
      error: 'confirmCancel resolved undefined, not a receipt',
    });
  });

  test('the done step shows its offer after the cancel when the limit allows; accepting keeps the cancel', async () => {
    const input = baseFlow();
    input.steps[4] = { id: 'done', type: 'done', offer: 'winback' };
    const run = started(input);
    run.engine.continueToCancel();
    await run.engine.confirmCancel();
    expect(run.engine.offer.value?.id).toBe('winback');
    expect(run.types().slice(-3)).toEqual(['cancel_confirmed', 'step_viewed', 'offer_shown']);
    await run.engine.acceptOffer();
    expect(run.engine.state.value).toMatchObject({
      status: 'cancelled',
      stepId: 'done',
      acceptedOffer: { offerId: 'winback' },
    });
    run.engine.close();
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'cancelled', offer: 'winback' });
  });

  test('no done-step offer once the session already used its offers; declining it just hides it', async () => {
    const input = baseFlow();
    input.steps[4] = { id: 'done', type: 'done', offer: 'winback' };
    const spent = started(input);
    spent.engine.selectReason('price');
    spent.engine.next();
    spent.engine.continueToCancel();
    await spent.engine.confirmCancel();
    expect(spent.engine.offer.value).toBeUndefined();

    const fresh = started(input);
    fresh.engine.continueToCancel();
    await fresh.engine.confirmCancel();
    fresh.engine.declineOffer();
    expect(fresh.engine.state.value).toMatchObject({ stepId: 'done', offerId: undefined, status: 'cancelled' });
    expect(fresh.types().at(-1)).toBe('offer_declined');
  });
});

describe('back', () => {
  test('follows the steps actually visited, not the static order', () => {
    const input = baseFlow();
    input.steps[0] = {
      id: 'why',
      type: 'survey',
      reasons: [{ id: 'other', label: 'Other', next: 'confirm' }],
    };
    const run = started(input);
    expect(run.engine.canGoBack.value).toBe(false);
    run.engine.back();
    expect(run.engine.state.value.stepId).toBe('why');
    run.engine.selectReason('other');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('confirm');
    expect(run.engine.canGoBack.value).toBe(true);
    run.engine.back();
    expect(run.engine.state.value).toMatchObject({ stepId: 'why', visited: ['why'] });
    expect(run.events.at(-1)).toMatchObject({ type: 'step_viewed', payload: { stepId: 'why' } });
  });

  test('is unavailable once the session ended', () => {
    const run = started();
    run.engine.next();
    run.engine.close();
    expect(run.engine.canGoBack.value).toBe(false);
    run.engine.back();
    expect(run.engine.state.value.stepId).toBe('feedback');
  });
});

describe('close', () => {
  test('while running abandons, with what the subscriber told us', async () => {
    const run = started();
    run.engine.selectReason('bugs');
    run.engine.writeFollowUp('slow');
    run.engine.close();
    run.engine.close();
    expect(run.types().slice(-2)).toEqual(['session_abandoned', 'session_completed']);
    expect(run.events.at(-2)?.payload).toEqual({ stepId: 'why' });
    await expect(run.engine.outcome).resolves.toEqual({
      status: 'abandoned',
      sessionId: 'sess_1',
      reason: 'bugs',
      feedback: 'slow',
    });
    run.engine.next();
    run.engine.continueToCancel();
    expect(run.engine.state.value).toMatchObject({ status: 'abandoned', stepId: 'why', ended: true });
  });

  test('while an accept is in flight waits for it and shows what was applied; the next close completes it', async () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    run.hold();
    const accepting = run.engine.acceptOffer();
    run.engine.close();
    expect(run.engine.state.value.ended).toBe(false);
    run.release();
    await accepting;
    // The subscriber is not left guessing whether the offer was applied: the done step says it.
    expect(run.engine.state.value).toMatchObject({ status: 'saved', stepId: 'done', ended: false });
    expect(run.engine.state.value.acceptedOffer?.offerId).toBe('discount');
    expect(run.types()).not.toContain('session_completed');
    run.engine.close();
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'saved', offer: 'discount' });
    expect(run.types().filter((t) => t === 'session_completed')).toHaveLength(1);
  });

  test('while a failing accept is in flight shows its error once it has failed; the next close abandons', async () => {
    const run = started();
    run.engine.selectReason('price');
    run.engine.next();
    run.hold();
    run.failNext('nope');
    const accepting = run.engine.acceptOffer();
    run.engine.close();
    run.release();
    await accepting;
    // Closing silently would leave the subscriber believing the offer they took was applied.
    expect(run.engine.state.value).toMatchObject({
      status: 'running',
      ended: false,
      offerId: 'discount',
      error: { code: 'offer_failed' },
    });
    expect(run.types()).not.toContain('session_completed');
    run.engine.close();
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'abandoned' });
  });
});

describe('progress', () => {
  test('numbers the steps as they are taken: answering never changes it, and there is no total to jump', async () => {
    const run = started();
    expect(run.engine.progress.value).toEqual({ index: 0 });
    // Picking a reason with an offer adds a step ahead; the counter must not move.
    run.engine.selectReason('price');
    expect(run.engine.progress.value).toEqual({ index: 0 });
    run.engine.next();
    expect(run.engine.progress.value).toEqual({ index: 1 });
    run.engine.continueToCancel();
    expect(run.engine.progress.value).toEqual({ index: 2 });
    run.engine.back();
    expect(run.engine.progress.value).toEqual({ index: 1 });
    run.engine.continueToCancel();
    await run.engine.confirmCancel();
    expect(run.engine.progress.value).toEqual({ index: 3 });
  });
});

describe('exits', () => {
  test('a question offers "next" beside "continue to cancel" only while next leads elsewhere than the confirm step', () => {
    const run = started();
    expect(run.engine.exits.value).toEqual({ next: true, cancel: true, decline: false });
    run.engine.next();
    // feedback → confirm: moving on and continuing to cancel are the same way, shown once.
    expect(run.engine.state.value.stepId).toBe('feedback');
    expect(run.engine.exits.value).toEqual({ next: false, cancel: true, decline: false });
  });

  test('before the cancel an offer has one way on, "continue to cancel"; after it the win-back card can be declined', async () => {
    const steps = [...baseFlow().steps.slice(0, 4), { id: 'done', type: 'done' as const, offer: 'winback' }];
    const run = started(baseFlow({ steps, limits: { maxOffersPerSession: 2 } }));
    run.engine.selectReason('price');
    run.engine.next();
    expect(run.engine.state.value.stepId).toBe('offer');
    expect(run.engine.exits.value).toEqual({ next: false, cancel: true, decline: false });
    run.engine.continueToCancel();
    expect(run.engine.exits.value).toEqual({ next: false, cancel: false, decline: false });
    await run.engine.confirmCancel();
    expect(run.engine.offer.value?.id).toBe('winback');
    expect(run.engine.exits.value).toEqual({ next: false, cancel: false, decline: true });
  });

  test('questions after the cancel (under `de`) move on with "next"; there is nothing left to cancel', async () => {
    const run = started(baseFlow(), { country: 'DE' });
    await run.engine.confirmCancel();
    expect(run.engine.step.value?.type).toBe('survey');
    expect(run.engine.exits.value).toEqual({ next: true, cancel: false, decline: false });
  });
});

describe('navigation overrides', () => {
  test("a step's `next` wins over the order, a reason's `next` over the step's, and a step never leads to itself", () => {
    const input = baseFlow();
    input.steps[0] = {
      id: 'why',
      type: 'survey',
      next: 'feedback',
      reasons: [
        { id: 'price', label: 'Price', offer: 'discount', next: 'offer' },
        { id: 'other', label: 'Other' },
      ],
    };
    input.steps[2] = { id: 'feedback', type: 'feedback', next: 'feedback' };
    const byStep = started(input);
    byStep.engine.selectReason('other');
    byStep.engine.next();
    expect(byStep.engine.state.value.stepId).toBe('feedback');
    byStep.engine.next();
    expect(byStep.engine.state.value.stepId).toBe('confirm');

    const byReason = started(input);
    byReason.engine.selectReason('price');
    byReason.engine.next();
    expect(byReason.engine.state.value.stepId).toBe('offer');
  });

  test('feedback already submitted is not sent again after going back and forward', () => {
    const run = started();
    run.engine.next();
    run.engine.writeFeedback('more export formats');
    run.engine.next();
    run.engine.back();
    run.engine.next();
    run.engine.back();
    run.engine.writeFeedback('more export formats, please');
    run.engine.next();
    expect(run.events.filter((e) => e.type === 'feedback_submitted').map((e) => e.payload)).toEqual([
      { stepId: 'feedback', text: 'more export formats' },
      { stepId: 'feedback', text: 'more export formats, please' },
    ]);
  });

  test('closing while the cancel is in flight shows the receipt once it is confirmed; the next close ends it cancelled', async () => {
    const run = started();
    run.engine.continueToCancel();
    run.hold();
    const confirming = run.engine.confirmCancel();
    run.engine.close();
    expect(run.engine.state.value.pending).toBe('cancel');
    run.release();
    await confirming;
    expect(run.engine.state.value).toMatchObject({ status: 'cancelled', ended: false, receipt: RECEIPT });
    run.engine.close();
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'cancelled' });
    expect(run.engine.state.value).toMatchObject({ ended: true, receipt: RECEIPT });
  });

  test('with endAtDecision (the host applies the offer once the flow ends), a taken offer ends it at once, saved, without the done step', async () => {
    const run = engineFor(resolve(baseFlow()), {}, { endAtDecision: true });
    run.engine.start();
    run.engine.selectReason('price');
    run.engine.next();
    await run.engine.acceptOffer();
    expect(run.engine.state.value).toMatchObject({ status: 'saved', ended: true });
    expect(run.engine.state.value.stepId).not.toBe('done');
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'saved', offer: 'discount', reason: 'price' });
    const types = run.types();
    expect(types.slice(types.indexOf('offer_accepted'))).toEqual(['offer_accepted', 'session_completed']);
  });

  test('with endAtDecision (the host cancels once the flow ends), a confirmed cancel ends it at once, without the steps after it', async () => {
    const run = engineFor(resolve(baseFlow()), {}, { endAtDecision: true });
    run.engine.start();
    run.engine.selectReason('price');
    run.engine.continueToCancel();
    await run.engine.confirmCancel();
    expect(run.engine.state.value).toMatchObject({
      status: 'cancelled',
      ended: true,
      receipt: RECEIPT,
      stepId: 'confirm',
    });
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'cancelled', reason: 'price' });
    const types = run.types();
    expect(types.slice(types.indexOf('cancel_confirmed'))).toEqual(['cancel_confirmed', 'session_completed']);
    // Without it, the done step follows and the session ends only when it is closed.
    const shown = started();
    shown.engine.continueToCancel();
    await shown.engine.confirmCancel();
    expect(shown.engine.state.value).toMatchObject({ status: 'cancelled', ended: false, stepId: 'done' });
  });

  test('closing before the start abandons; start then does nothing', async () => {
    const run = engineFor(resolve(baseFlow()));
    run.engine.close();
    run.engine.start();
    await expect(run.engine.outcome).resolves.toEqual({ status: 'abandoned', sessionId: 'sess_1' });
    expect(run.types()).toEqual(['session_abandoned', 'session_completed']);
  });
});

describe("the host's bound on loading the decisions' code (within)", () => {
  const startedWithin = (within: EngineOptions['within']) => {
    const run = engineFor(resolve(baseFlow()), {}, { within });
    run.engine.start();
    return run;
  };
  const late = (what: string) => Promise.reject(new Error(`${what} did not arrive within 10 s`));

  test('missed: the cancel fails open, saying what did not arrive, and nothing reaches the backend', async () => {
    const asked: string[] = [];
    const run = startedWithin((_loading, what) => {
      asked.push(what);
      return late(what);
    });
    run.engine.continueToCancel();
    await run.engine.confirmCancel();
    expect(asked).toEqual(["the engine's decision code"]);
    expect(run.cancels).toHaveLength(0);
    expect(run.engine.state.value).toMatchObject({
      status: 'error',
      ended: true,
      error: { code: 'cancel_failed', message: "the engine's decision code did not arrive within 10 s" },
    });
    await expect(run.engine.outcome).resolves.toMatchObject({ status: 'error' });
  });

  test('missed: the offer shows its error and can be taken once the code arrives', async () => {
    let missed = true;
    const run = startedWithin((loading, what) => (missed ? late(what) : loading));
    run.engine.selectReason('price');
    run.engine.next();
    await run.engine.acceptOffer();
    expect(run.accepts).toHaveLength(0);
    expect(run.engine.state.value).toMatchObject({
      stepId: 'offer',
      pending: undefined,
      error: { code: 'offer_failed', message: "the engine's decision code did not arrive within 10 s" },
    });
    missed = false;
    await run.engine.acceptOffer();
    expect(run.accepts).toHaveLength(1);
    expect(run.engine.state.value).toMatchObject({ status: 'saved', stepId: 'done' });
  });
});
