import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlowSource } from '../src/validate/index.ts';

const saas = JSON.parse(readFileSync(new URL('../../../examples/flows/saas.json', import.meta.url), 'utf8'));

const problemsWith = (winback: unknown) =>
  validateFlowSource(JSON.stringify({ ...saas, winback }, null, 2))
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.path, p.message]);

describe('the win-back sequence in a flow', () => {
  it('accepts steps in order, with a discount and reasons of the flow', () => {
    const winback = {
      reasons: ['too_expensive', 'not_using'],
      steps: [
        { afterDays: 14, offer: 'discount_30', subject: 'Come back for 30% off' },
        { afterDays: 45, body: 'Your dashboards are still here.' },
      ],
    };
    const { config, problems } = validateFlowSource(JSON.stringify({ ...saas, winback }));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(config?.winback?.steps).toHaveLength(2);
  });

  it('refuses unknown reasons and offers, an offer that cannot welcome someone back, and steps out of order', () => {
    expect(
      problemsWith({
        reasons: ['too_expensiv'],
        steps: [
          { afterDays: 30, offer: 'discount_3' },
          { afterDays: 30, offer: 'pause' },
        ],
      }),
    ).toEqual([
      ['winback.reasons[0]', expect.stringMatching(/reason "too_expensiv", which no survey step has.*too_expensive/)],
      ['winback.steps[0].offer', expect.stringMatching(/offer "discount_3", which is not defined in offers/)],
      ['winback.steps[1].afterDays', 'must be later than the step before it (30 days)'],
      ['winback.steps[1].offer', 'must be a discount, plan_change or custom offer: it is applied when they come back'],
    ]);
  });

  it('refuses an empty sequence and a step after a year', () => {
    const paths = (winback: unknown) => problemsWith(winback).map(([path]) => path);
    expect(paths({ steps: [] })).toEqual(['winback.steps']);
    expect(paths({ steps: [{ afterDays: 400 }] })).toEqual(['winback.steps[0].afterDays']);
  });
});
