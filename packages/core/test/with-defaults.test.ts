import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withFlowDefaults } from '../src/index.ts';
import { FlowConfig } from '../src/schema.ts';
import { flowConfig } from './arbitraries.ts';

/** The config as a person might write it: every field that has a default left out. */
function withoutDefaults(config: FlowConfig): unknown {
  // biome-ignore lint/suspicious/noExplicitAny: the config as plain JSON, edited field by field
  const copy = structuredClone(config) as Record<string, any>;
  delete copy.defaultLocale;
  delete copy.limits.maxOffersPerSession;
  if (Object.keys(copy.limits).length === 0) delete copy.limits;
  delete copy.policy.retentionDays;
  if (Object.keys(copy.offers).length === 0) delete copy.offers;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  for (const offer of Object.values(copy.offers ?? {}) as Record<string, any>[]) {
    delete offer.unit;
    for (const plan of offer.plans ?? []) delete plan.interval;
  }
  for (const step of copy.steps) {
    delete step.maxLength;
    for (const reason of step.reasons ?? []) delete reason.followUp?.maxLength;
  }
  if (copy.theme) delete copy.theme.mode;
  return copy;
}

describe('withFlowDefaults', () => {
  test('fills in exactly what the schema fills in, for generated valid configs', () => {
    fc.assert(
      fc.property(flowConfig, (config) => {
        const written = withoutDefaults(config);
        expect(withFlowDefaults(written as never)).toEqual(FlowConfig.parse(written));
        expect(withFlowDefaults(config)).toEqual(config);
      }),
      { numRuns: 200 },
    );
  });

  test('fills in every defaulted field of a hand-written config that leaves them all out', () => {
    const written = {
      id: 'minimal',
      version: 1,
      policy: { effective: 'immediately', refund: { type: 'none' } },
      offers: {
        pause: { type: 'pause', max: 2 },
        plans: { type: 'plan_change', plans: [{ id: 'b', name: 'B', price: { amount: 1, currency: 'EUR' } }] },
      },
      steps: [
        { id: 's', type: 'survey', reasons: [{ id: 'r', label: 'R', offer: 'pause', followUp: { prompt: 'Why?' } }] },
        { id: 'o', type: 'offer', offer: 'plans' },
        { id: 'f', type: 'feedback' },
        { id: 'c', type: 'confirm' },
        { id: 'd', type: 'done' },
      ],
      theme: { accent: '#112233' },
    };
    const parsed = FlowConfig.parse(written);
    expect(withFlowDefaults(written as never)).toEqual(parsed);
    expect(parsed.theme?.mode).toBe('auto'); // the comparison above covers a default that is really there
  });

  test('agrees with the schema on the example flows', () => {
    for (const name of ['saas', 'membership', 'de-streaming']) {
      const json = JSON.parse(readFileSync(new URL(`../../../examples/flows/${name}.json`, import.meta.url), 'utf8'));
      expect(withFlowDefaults(json)).toEqual(FlowConfig.parse(json));
    }
  });
});
