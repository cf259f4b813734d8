import { afterEach, beforeEach, expect, test } from 'vitest';
import type { UiModule } from '../../src/runner/contract.ts';
import { prepareUi } from '../../src/runner/run.ts';

// prepareUi is the one path by which the script tag and the npm API's attach() prepare the UI on
// intent and at idle: whatever fails there is silent (the click meets it again, and reports it).

const unhandled: unknown[] = [];
const onRejection = (reason: unknown) => unhandled.push(reason);
beforeEach(() => process.on('unhandledRejection', onRejection));
afterEach(() => {
  process.off('unhandledRejection', onRejection);
  unhandled.length = 0;
});

/** A UI module whose calls are recorded; `prepare` and `resume` fail as told. */
function uiModule(fail: { prepare?: boolean; resume?: boolean }) {
  const calls: string[] = [];
  let called: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    called = resolve;
  });
  const ui: UiModule = {
    open: () => Promise.reject(new Error('not used')),
    prepare: () => {
      calls.push('prepare');
      called();
      if (fail.prepare) throw new Error('prepare failed');
    },
    resume: () => {
      calls.push('resume');
      called();
      return fail.resume ? Promise.reject(new Error('resume failed')) : Promise.resolve();
    },
  };
  return { ui, calls, done };
}

/** Lets Node report any rejection left unhandled by what has run so far. */
const rejectionsReported = () => new Promise((resolve) => setImmediate(resolve));

test('a prepare() that throws is caught, and resume is not asked for', async () => {
  const { ui, calls, done } = uiModule({ prepare: true });
  prepareUi(() => Promise.resolve(ui), {}, true);
  await done;
  await rejectionsReported();
  expect(calls).toEqual(['prepare']);
  expect(unhandled).toEqual([]);
});

test('with resume, both are called, and a resume that rejects is caught', async () => {
  const { ui, calls } = uiModule({ resume: true });
  prepareUi(() => Promise.resolve(ui), { endpoint: 'https://cancel.example.com' }, true);
  await expect.poll(() => calls).toEqual(['prepare', 'resume']);
  await rejectionsReported();
  expect(unhandled).toEqual([]);
});

test('on intent (no resume) only prepare is called; a UI that cannot load is silent', async () => {
  const { ui, calls, done } = uiModule({});
  prepareUi(() => Promise.resolve(ui), {});
  await done;
  prepareUi(() => Promise.reject(new Error('offline')), {});
  await rejectionsReported();
  expect(calls).toEqual(['prepare']);
  expect(unhandled).toEqual([]);
});
