import { assignVariant } from '@cancelflow/core';
import flowSchema from '@cancelflow/core/flow.schema.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { choicesOf, claimsOf, DEFAULT_CONTEXT } from '../src/editor/context.ts';
import { fieldsOf, type SchemaNode, schemaAt, valuesOf } from '../src/editor/schema-lookup.ts';
import { subscriberForVariants } from '../src/editor/variant-subscriber.ts';

const schema = flowSchema as unknown as SchemaNode;
const demo = (await import('../../../examples/flows/demo.json', { with: { type: 'json' } })).default;

describe("the editor's schema lookup", () => {
  it("picks a union's branch by the object's type: a survey step's fields, not an offer step's", () => {
    const survey = fieldsOf(schemaAt(schema, ['steps', 0], (depth) => (depth === 2 ? 'survey' : undefined)));
    expect(survey.map((f) => f.key)).toContain('reasons');
    const offer = fieldsOf(schemaAt(schema, ['steps', 1], (depth) => (depth === 2 ? 'offer' : undefined)));
    expect(offer.map((f) => f.key)).not.toContain('reasons');
    expect(survey.find((f) => f.key === 'id')?.description).toMatch(/identifier/i);
  });

  it('offers the values a field enumerates, and the fields of a map entry (an offer by id)', () => {
    expect(valuesOf(schemaAt(schema, ['policy', 'effective'], () => undefined))).toEqual(['period_end', 'immediately']);
    const discount = fieldsOf(schemaAt(schema, ['offers', 'any_id'], (d) => (d === 2 ? 'discount' : undefined)));
    expect(discount.map((f) => f.key)).toEqual(expect.arrayContaining(['percentOff', 'months', 'coupon']));
  });
});

describe("the preview's subscriber", () => {
  const choices = choicesOf(demo);

  it("lists the flow's plans, locales and experiments", () => {
    expect(choices.plans).toEqual(expect.arrayContaining(['starter', 'pro', 'team', 'enterprise']));
    expect(choices.locales).toEqual(['en', 'de']);
    expect(choices.experiments.map((e) => e.id)).toEqual(['pause_vs_discount']);
  });

  it('finds a subscriber id that core assigns to the chosen variant, for each variant', () => {
    const experiment = demo.experiments[0] as { id: string; variants: { id: string; weight: number }[] };
    for (const variant of experiment.variants) {
      const sub = subscriberForVariants([experiment], { [experiment.id]: variant.id });
      expect(sub).toBeDefined();
      expect(assignVariant(experiment.id, sub as string, experiment.variants)?.id).toBe(variant.id);
    }
  });

  it('turns the picker into claims: tenure as since, numbers as numbers, codes only when well formed', () => {
    const now = new Date('2026-06-30T12:00:00Z');
    const claims = claimsOf(
      { ...DEFAULT_CONTEXT, plan: 'pro', tenureDays: '400', mrr: '49.5', country: 'US', region: 'MN' },
      choices,
      now,
    );
    expect(claims).toMatchObject({ plan: 'pro', since: '2025-05-26', mrr: 49.5, country: 'US', region: 'MN' });
    expect(claims.periodEnd).toBe('2026-07-21');
    const loose = claimsOf({ ...DEFAULT_CONTEXT, country: 'usa', mrr: 'lots', currency: 'usd' }, choices, now);
    expect(loose).not.toHaveProperty('country');
    expect(loose).not.toHaveProperty('mrr');
    expect(loose).not.toHaveProperty('currency');
  });
});
