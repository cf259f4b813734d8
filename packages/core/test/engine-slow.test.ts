/**
 * A decision that waits long for the backend: the engine marks it `slow` after SLOW_MS, so the UI can
 * say it is still being made, and unmarks it once the answer (or the failure) is in. The engine's one
 * timer is injected here (`after`), so nothing waits for real time.
 */
import { describe, expect, test, vi } from 'vitest';
import { SLOW_MS } from '../src/engine/decide.ts';
import { baseFlow, engineFor, resolve } from './engine-harness.ts';

/** A timer that fires only when told to. */
function manualTimer() {
  const timers: { ms: number; run: () => void; live: boolean }[] = [];
  return {
    timers,
    after(ms: number, run: () => void) {
      const timer = { ms, run, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
    /** Fires every timer still running. */
    fire() {
      for (const timer of timers) if (timer.live) timer.run();
    },
  };
}

function onOffer() {
  const clock = manualTimer();
  const run = engineFor(resolve(baseFlow()), {}, { after: clock.after });
  run.engine.start();
  run.engine.selectReason('price');
  run.engine.next();
  return { ...run, clock };
}

function onConfirm() {
  const run = onOffer();
  run.engine.continueToCancel();
  return run;
}

describe('a decision waiting long for the backend', () => {
  test('an accept is marked slow after 3 s, and unmarked once it is applied', async () => {
    const run = onOffer();
    run.hold();
    const accepting = run.engine.acceptOffer();
    await vi.waitUntil(() => run.clock.timers.length === 1);
    expect(run.clock.timers[0]?.ms).toBe(SLOW_MS);
    expect(SLOW_MS).toBe(3000);
    expect(run.engine.state.value).toMatchObject({ pending: 'accept' });
    expect(run.engine.state.value.slow).toBeUndefined();

    run.clock.fire();
    expect(run.engine.state.value).toMatchObject({ pending: 'accept', slow: true, stepId: 'offer' });

    run.release();
    await accepting;
    expect(run.engine.state.value).toMatchObject({ status: 'saved', stepId: 'done' });
    expect(run.engine.state.value.pending).toBeUndefined();
    expect(run.engine.state.value.slow).toBeUndefined();
    expect(run.types()).not.toContain('action_failed'); // marking it slow is not an event
  });

  test('a cancel that fails after being slow ends unmarked (the widget fails open)', async () => {
    const run = onConfirm();
    run.hold();
    run.failNext('server unreachable');
    const cancelling = run.engine.confirmCancel();
    await vi.waitUntil(() => run.clock.timers.length === 1);
    run.clock.fire();
    expect(run.engine.state.value).toMatchObject({ pending: 'cancel', slow: true });
    run.release();
    await cancelling;
    expect(run.engine.state.value).toMatchObject({ status: 'error', ended: true });
    expect(run.engine.state.value.slow).toBeUndefined();
  });

  test('a decision answered in time is never marked, and its timer is stopped', async () => {
    const run = onConfirm();
    await run.engine.confirmCancel();
    expect(run.engine.state.value).toMatchObject({ status: 'cancelled' });
    expect(run.clock.timers).toHaveLength(1);
    expect(run.clock.timers[0]?.live).toBe(false);
    run.clock.fire(); // a timer that fired anyway would find nothing pending
    expect(run.engine.state.value.slow).toBeUndefined();
  });

  test('after a slow accept failed, a retry starts unmarked and is marked again only by its own timer', async () => {
    const run = onOffer();
    run.hold();
    run.failNext('card declined');
    const first = run.engine.acceptOffer();
    await vi.waitUntil(() => run.clock.timers.length === 1);
    run.clock.fire();
    run.release();
    await first;
    expect(run.engine.state.value).toMatchObject({ error: { code: 'offer_failed' } });
    expect(run.engine.state.value.slow).toBeUndefined();

    run.hold();
    const retry = run.engine.acceptOffer();
    expect(run.engine.state.value).toMatchObject({ pending: 'accept' });
    expect(run.engine.state.value.slow).toBeUndefined();
    await vi.waitUntil(() => run.clock.timers.length === 2);
    expect(run.engine.state.value.slow).toBeUndefined();
    run.release();
    await retry;
    expect(run.engine.state.value).toMatchObject({ status: 'saved' });
  });

  // A page script replaced setTimeout or clearTimeout with a wrapper that throws (the engine's default
  // timer calls them). The decision goes on unmarked; a throw there used to leave it pending for good.
  test.each([
    [
      'its timer cannot start',
      () => {
        throw new Error('setTimeout is wrapped badly on this page');
      },
    ],
    [
      'its timer cannot be stopped',
      () => () => {
        throw new Error('clearTimeout is wrapped badly on this page');
      },
    ],
  ])('a cancel whose slow timer throws (%s) still ends cancelled', async (_, after) => {
    const run = engineFor(resolve(baseFlow()), {}, { after });
    run.engine.start();
    run.engine.selectReason('price');
    run.engine.next();
    run.engine.continueToCancel();
    await run.engine.confirmCancel();
    expect(run.engine.state.value).toMatchObject({ status: 'cancelled', pending: undefined });
  });

  test('an accept whose slow timer cannot start still saves', async () => {
    const run = engineFor(
      resolve(baseFlow()),
      {},
      {
        after: () => {
          throw new Error('setTimeout is wrapped badly on this page');
        },
      },
    );
    run.engine.start();
    run.engine.selectReason('price');
    run.engine.next();
    await run.engine.acceptOffer();
    expect(run.engine.state.value).toMatchObject({ status: 'saved', pending: undefined });
  });
});
