import { afterEach, expect, test, vi } from 'vitest';
import type { OpenOptions, UiModule } from '../../src/runner/contract.ts';
import { runFlow } from '../../src/runner/run.ts';

// runFlow is what the script tag and the npm API share from a click to the outcome: whatever fails
// becomes an `error` outcome and one console warning that says what failed.

afterEach(() => vi.restoreAllMocks());

const warnings = () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  return () => warn.mock.calls.map((call) => String(call[0]));
};

test('a failure whose message ends with a full stop is warned about with one, not two', async () => {
  const warned = warnings();
  const failing = () =>
    Promise.reject(new Error('the name "cancelflow-modal" has already been used with this registry.'));
  const outcome = await runFlow(failing, {}, document.createElement('a'));
  expect(outcome.status).toBe('error');
  expect(warned()).toEqual([
    `cancelflow: the name "cancelflow-modal" has already been used with this registry. The site's own cancel action proceeds.`,
  ]);
});

test("the script tag's data-timeout, a string, bounds the wait as the npm API's number does", async () => {
  const warned = warnings();
  const never = () => new Promise<UiModule>(() => {});
  // data-* attributes arrive as strings (the loader passes the tag's dataset as it is).
  const fromTag = { timeout: '30' } as unknown as OpenOptions;
  await runFlow(never, fromTag, document.createElement('a'));
  await runFlow(never, { timeout: 40 }, document.createElement('a'));
  expect(warned()).toEqual([
    "cancelflow: the flow did not start within 30 ms. The site's own cancel action proceeds.",
    "cancelflow: the flow did not start within 40 ms. The site's own cancel action proceeds.",
  ]);
});
