import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/verdict.ts';
import { ExperimentCard } from '../../src/views/Experiments.tsx';
import { variant } from './fixtures.ts';

const holdout = variant('holdout', { saved: 0, cancelled: 180, abandoned: 20 }, { holdout: true });

describe('the experiment verdict', () => {
  it('names the winner, the lift in points and its 95% CI when the interval is above zero', () => {
    const pause = variant(
      'pause',
      { saved: 60, cancelled: 120, abandoned: 20 },
      {
        liftVsHoldout: { diff: 0.106, ci95: [0.063, 0.141] },
      },
    );
    expect(verdict(pause, holdout)).toBe('pause beats holdout by 10.6 points, 95% CI 6.3–14.1.');
  });

  it('says a variant trails the holdout when the whole interval is below zero, with minus signs', () => {
    const discount = variant(
      'discount',
      { saved: 5, cancelled: 190, abandoned: 5 },
      {
        liftVsHoldout: { diff: -0.04, ci95: [-0.061, -0.019] },
      },
    );
    expect(verdict(discount, holdout)).toBe('discount trails holdout by 4.0 points, 95% CI −6.1 to −1.9.');
  });

  it('declares no winner while the interval contains zero', () => {
    const pause = variant(
      'pause',
      { saved: 30, cancelled: 150, abandoned: 20 },
      {
        liftVsHoldout: { diff: 0.012, ci95: [-0.03, 0.054] },
      },
    );
    expect(verdict(pause, holdout)).toBe(
      'Not enough data yet to tell pause from holdout: +1.2 points, 95% CI −3.0 to 5.4.',
    );
  });

  it('says "not enough data yet" below 30 ended sessions in either group, whatever the interval', () => {
    const few = variant('pause', { saved: 10, cancelled: 2 }, { liftVsHoldout: { diff: 0.5, ci95: [0.2, 0.7] } });
    expect(verdict(few, holdout)).toBe(
      'Not enough data yet: 12 ended sessions in pause and 200 in holdout (30 each needed).',
    );
    const smallHoldout = variant('holdout', { cancelled: 9 }, { holdout: true });
    const many = variant('pause', { saved: 60, cancelled: 140 }, { liftVsHoldout: { diff: 0.3, ci95: [0.1, 0.4] } });
    expect(verdict(many, smallHoldout)).toMatch(/^Not enough data yet: 200 ended sessions in pause and 9 in holdout/);
  });

  it('renders one verdict per variant (none for the holdout) beside the table', () => {
    const pause = variant(
      'pause',
      { saved: 60, cancelled: 120, abandoned: 20 },
      {
        liftVsHoldout: { diff: 0.106, ci95: [0.063, 0.141] },
        keptRateCi95: [0.33, 0.47],
      },
    );
    render(
      <ExperimentCard
        experiment={{
          experimentId: 'pause_vs_none',
          metric: 'keptRate',
          method: 'Newcombe',
          variants: [holdout, pause],
        }}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['pause beats holdout by 10.6 points, 95% CI 6.3–14.1.']);
    const table = screen.getByRole('table', { name: 'pause_vs_none: kept rate per variant' });
    expect(table.textContent).toContain('+10.6 pts');
    expect(table.textContent).toContain('6.3–14.1 pts');
    expect(table.textContent).toContain('33.0–47.0%');
  });
});
