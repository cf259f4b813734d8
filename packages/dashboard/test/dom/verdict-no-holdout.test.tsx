import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/verdict.ts';
import { variant } from './fixtures.ts';

// The experiments report lists only the variants that have sessions for the filters. An experiment
// whose holdout had none in the chosen dates (a small holdout, a short range) was described as
// having no holdout at all: "No holdout in this experiment", untrue of the flow the PM runs.
describe('the verdict without a holdout row', () => {
  it('says no holdout session matches the filters, never that the experiment has no holdout', () => {
    const pause = variant('pause', { saved: 40, cancelled: 50, abandoned: 10 });
    const text = verdict(pause, undefined);
    expect(text).toBe('No holdout session for these filters, so no lift to report.');
    expect(text).not.toContain('in this experiment');
  });
});
