import { describe, expect, test } from 'vitest';
import type { Condition, FlowConfigInput } from '../src/index.ts';
import { checkOfferChoice, conditionHolds, isOfferEligible, matchRule, resolveFlow } from '../src/index.ts';
import { baseFlow, NOW, parseFlow, resolve, subscriber } from './engine-harness.ts';

const offerIds = (input: FlowConfigInput, claims = {}) =>
  Object.fromEntries(Object.entries(resolve(input, claims).reasonOffers).map(([reason, offer]) => [reason, offer.id]));

describe('reason → offer', () => {
  test("each reason gets its own offer, with the offer's id", () => {
    const resolved = resolve(baseFlow());
    expect(resolved.reasonOffers.price).toEqual({ id: 'discount', type: 'discount', percentOff: 30, months: 3 });
    expect(offerIds(baseFlow())).toEqual({ price: 'discount', unused: 'pause', bugs: 'talk' });
    expect(Object.keys(resolved.offers).sort()).toEqual(['discount', 'pause', 'talk']);
    expect(resolved.offersBeforeCancel).toBe(true);
  });

  test('references to offers that do not exist are ignored', () => {
    const input = baseFlow();
    input.steps[0] = { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'Price', offer: 'ghost' }] };
    input.steps[1] = { id: 'offer', type: 'offer', offer: 'phantom' };
    const resolved = resolve(input);
    expect(resolved.reasonOffers).toEqual({});
    expect(resolved.offers).toEqual({});
  });
});

describe('targeting', () => {
  const at = (when: Condition[], claims: Record<string, unknown>) =>
    conditionHolds(when[0] as Condition, subscriber(claims), NOW);

  test.each<[string, Condition, Record<string, unknown>, boolean]>([
    ['eq', { claim: 'plan', op: 'eq', value: 'pro' }, { plan: 'pro' }, true],
    ['eq', { claim: 'plan', op: 'eq', value: 'pro' }, { plan: 'team' }, false],
    ['neq', { claim: 'plan', op: 'neq', value: 'pro' }, { plan: 'team' }, true],
    ['neq', { claim: 'plan', op: 'neq', value: 'pro' }, { plan: 'pro' }, false],
    ['in', { claim: 'country', op: 'in', value: ['DE', 'AT'] }, { country: 'AT' }, true],
    ['in', { claim: 'country', op: 'in', value: ['DE', 'AT'] }, { country: 'CH' }, false],
    ['nin', { claim: 'country', op: 'nin', value: ['DE', 'AT'] }, { country: 'CH' }, true],
    ['nin', { claim: 'country', op: 'nin', value: ['DE', 'AT'] }, { country: 'DE' }, false],
    ['gte', { claim: 'mrr', op: 'gte', value: 500 }, { mrr: 500 }, true],
    ['gte', { claim: 'mrr', op: 'gte', value: 500 }, { mrr: 499.99 }, false],
    ['lte', { claim: 'mrr', op: 'lte', value: 10 }, { mrr: 10 }, true],
    ['lte', { claim: 'mrr', op: 'lte', value: 10 }, { mrr: 11 }, false],
    ['gt', { claim: 'mrr', op: 'gt', value: 10 }, { mrr: 11 }, true],
    ['gt', { claim: 'mrr', op: 'gt', value: 10 }, { mrr: 10 }, false],
    ['lt', { claim: 'mrr', op: 'lt', value: 10 }, { mrr: 9 }, true],
    ['lt', { claim: 'mrr', op: 'lt', value: 10 }, { mrr: 10 }, false],
    ['exists', { claim: 'attrs.seats', op: 'exists' }, { attrs: { seats: 3 } }, true],
    ['exists', { claim: 'attrs.seats', op: 'exists' }, { attrs: {} }, false],
    ['missing', { claim: 'region', op: 'missing' }, {}, true],
    ['missing', { claim: 'region', op: 'missing' }, { region: 'CA' }, false],
  ])('%s: %j on %j is %s', (_op, condition, claims, holds) => {
    expect(at([condition], claims)).toBe(holds);
  });

  test('a claim the token lacks satisfies only `missing`, even for neq and nin', () => {
    expect(at([{ claim: 'plan', op: 'neq', value: 'pro' }], {})).toBe(false);
    expect(at([{ claim: 'plan', op: 'nin', value: ['pro'] }], {})).toBe(false);
    expect(at([{ claim: 'attrs.constructor', op: 'exists' }], { attrs: {} })).toBe(false);
  });

  test('since compares as an ISO date and tenureDays is derived from it at `now`', () => {
    const claims = { since: '2025-09-01T08:00:00Z' };
    expect(at([{ claim: 'since', op: 'lt', value: '2025-09-02' }], claims)).toBe(true);
    expect(at([{ claim: 'since', op: 'eq', value: '2025-09-01' }], claims)).toBe(true);
    expect(at([{ claim: 'since', op: 'gte', value: '2025-09-02' }], claims)).toBe(false);
    // 2025-09-01 → 2026-09-01 is 365 days.
    expect(at([{ claim: 'tenureDays', op: 'gte', value: 365 }], claims)).toBe(true);
    expect(at([{ claim: 'tenureDays', op: 'gt', value: 365 }], claims)).toBe(false);
    expect(at([{ claim: 'tenureDays', op: 'exists' }], {})).toBe(false);
  });

  test('numbers do not compare with text', () => {
    expect(at([{ claim: 'attrs.seats', op: 'gte', value: 3 }], { attrs: { seats: '10' } })).toBe(false);
    expect(at([{ claim: 'trial', op: 'eq', value: true }], { trial: true })).toBe(true);
  });

  const rules: FlowConfigInput['targeting'] = [
    { id: 'big', when: [{ claim: 'mrr', op: 'gte', value: 500 }], offers: { price: 'talk' } },
    {
      id: 'loyal_pro',
      when: [
        { claim: 'tenureDays', op: 'gte', value: 365 },
        { claim: 'plan', op: 'in', value: ['pro'] },
      ],
      offers: { price: 'downgrade', unused: null },
    },
  ];

  test('the first matching rule wins, and every condition of a rule must hold', () => {
    const input = baseFlow({ targeting: rules });
    const loyal = { since: '2024-01-01', plan: 'pro' };
    expect(resolve(input, { ...loyal, mrr: 900 }).targetingRule).toBe('big');
    expect(offerIds(input, { ...loyal, mrr: 900 }).price).toBe('talk');
    expect(resolve(input, loyal).targetingRule).toBe('loyal_pro');
    expect(offerIds(input, loyal)).toEqual({ price: 'downgrade', bugs: 'talk' });
    expect(resolve(input, { since: '2024-01-01', plan: 'basic' }).targetingRule).toBeUndefined();
    expect(matchRule(parseFlow(input).targeting ?? [], subscriber({ plan: 'pro' }), NOW)).toBeUndefined();
  });

  test('copy swaps change step headings', () => {
    const input = baseFlow({
      targeting: [{ id: 'de', when: [{ claim: 'locale', op: 'eq', value: 'de' }], copy: { why: { title: 'Warum?' } } }],
    });
    expect(resolve(input, { locale: 'de' }).steps[0]?.title).toBe('Warum?');
    expect(resolve(input, { locale: 'en' }).steps[0]?.title).toBeUndefined();
  });
});

describe('experiments', () => {
  const experiment = (variants: NonNullable<FlowConfigInput['experiments']>[number]['variants']) =>
    baseFlow({
      targeting: [{ id: 'all', when: [{ claim: 'plan', op: 'exists' }], offers: { price: 'talk' } }],
      experiments: [{ id: 'exp', variants }],
    });

  test('variant swaps apply after targeting', () => {
    const input = experiment([
      { id: 'treat', weight: 1, offers: { price: 'pause' }, copy: { why: { title: 'Variant title' } } },
      { id: 'off', weight: 0 },
    ]);
    const resolved = resolve(input, { plan: 'pro' });
    expect(resolved.experiment).toEqual({ id: 'exp', variant: 'treat', holdout: false });
    expect(resolved.reasonOffers.price?.id).toBe('pause');
    expect(resolved.steps[0]?.title).toBe('Variant title');
  });

  test('a holdout variant gets no offers at all, not even after the cancel', () => {
    const input = experiment([
      { id: 'hold', weight: 1, holdout: true },
      { id: 'off', weight: 0 },
    ]);
    input.steps[4] = { id: 'done', type: 'done', offer: 'winback' };
    const resolved = resolve(input, { plan: 'pro' });
    expect(resolved.experiment).toEqual({ id: 'exp', variant: 'hold', holdout: true });
    expect(resolved.reasonOffers).toEqual({});
    expect(resolved.offers).toEqual({});
    expect(resolved.afterCancelOffer).toBeUndefined();
  });

  test('the variant is the one assignVariant picks for the subscriber', () => {
    const input = experiment([
      { id: 'a', weight: 50 },
      { id: 'b', weight: 50 },
    ]);
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 40; i++) {
      const sub = `cus_${i}`;
      const first = resolve(input, { sub }).experiment?.variant;
      expect(resolve(input, { sub }).experiment?.variant).toBe(first);
      seen.add(first);
    }
    expect(seen).toEqual(new Set(['a', 'b']));
  });
});

describe('limits and cooldowns', () => {
  const shown = (offerType: 'discount' | 'pause', daysAgo: number) => ({
    offerType,
    offerId: 'x',
    shownAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
  });

  test('an offer type is held back while its cooldown runs, other types are not', () => {
    const input = baseFlow({ limits: { maxOffersPerSession: 1, cooldownDays: { discount: 180 } } });
    expect(Object.keys(resolve(input, {}, [shown('discount', 179)]).offers).sort()).toEqual(['pause', 'talk']);
    expect(Object.keys(resolve(input, {}, [shown('discount', 180)]).offers).sort()).toEqual([
      'discount',
      'pause',
      'talk',
    ]);
    expect(Object.keys(resolve(input, {}, [shown('pause', 1)]).offers)).toContain('pause');
  });

  test('maxOffersPerSession 0 means no offers', () => {
    expect(resolve(baseFlow({ limits: { maxOffersPerSession: 0 } })).offers).toEqual({});
  });

  test('a trial extension is not offered to a subscriber the token says is not in a trial', () => {
    const input = baseFlow();
    input.offers = { more: { type: 'trial_extension', days: 14 } };
    input.steps[0] = { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'Price', offer: 'more' }] };
    expect(Object.keys(resolve(input, { trial: false }).offers)).toEqual([]);
    expect(Object.keys(resolve(input, { trial: true }).offers)).toEqual(['more']);
  });

  test('an amount off is offered only to subscribers billed in its currency (or of unknown currency)', () => {
    const input = baseFlow();
    input.offers = { ten: { type: 'discount', amountOff: { amount: 10, currency: 'USD' }, months: 2 } };
    input.steps[0] = { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'Price', offer: 'ten' }] };
    expect(Object.keys(resolve(input, { currency: 'EUR' }).offers)).toEqual([]);
    expect(Object.keys(resolve(input, { currency: 'usd' }).offers)).toEqual(['ten']);
    expect(Object.keys(resolve(input, {}).offers)).toEqual(['ten']);
  });

  test("a plan change shows only the plans priced in the subscriber's currency, and none without one", () => {
    const input = baseFlow();
    const plan = (id: string, currency: string) => ({
      id,
      name: id,
      price: { amount: 9, currency },
      interval: 'month' as const,
    });
    input.offers = { switch: { type: 'plan_change', plans: [plan('starter_usd', 'USD'), plan('starter_eur', 'EUR')] } };
    input.steps[0] = { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'Price', offer: 'switch' }] };
    const plans = (claims: object) => {
      const offer = resolve(input, claims).offers.switch;
      return offer?.type === 'plan_change' ? offer.plans.map((p) => p.id) : undefined;
    };
    expect(plans({ currency: 'eur' })).toEqual(['starter_eur']);
    expect(plans({ currency: 'USD' })).toEqual(['starter_usd']);
    expect(plans({})).toEqual(['starter_usd', 'starter_eur']);
    expect(plans({ currency: 'GBP' })).toBeUndefined();
  });
});

describe('steps', () => {
  const survey = (extra: object) =>
    baseFlow({
      steps: [
        {
          id: 'why',
          type: 'survey',
          reasons: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'other'].map((id) => ({ id, label: id })),
          ...extra,
        },
        { id: 'confirm', type: 'confirm' },
        { id: 'done', type: 'done' },
      ],
    });
  const order = (input: FlowConfigInput, sub: string) => {
    const step = resolve(input, { sub }).steps[0];
    return step?.type === 'survey' ? step.reasons.map((r) => r.id) : [];
  };

  test('shuffled reasons are stable per subscriber, keep pinned ones last, and differ between subscribers', () => {
    const input = survey({ shuffle: true, pinLast: 1 });
    const orders = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const o = order(input, `cus_${i}`);
      expect(order(input, `cus_${i}`)).toEqual(o);
      expect(o.at(-1)).toBe('other');
      expect([...o].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'other']);
      orders.add(o.join());
    }
    expect(orders.size).toBeGreaterThan(10);
    expect(order(survey({}), 'cus_1')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'other']);
  });

  test('custom steps and offers pass through', () => {
    const input = baseFlow();
    input.offers = { gift: { type: 'custom', kind: 'gift_card', data: { value: 20 } } };
    input.steps = [
      { id: 'nps', type: 'custom', kind: 'nps', data: { scale: 10 } },
      { id: 'o', type: 'offer', offer: 'gift' },
      { id: 'confirm', type: 'confirm' },
      { id: 'done', type: 'done' },
    ];
    const resolved = resolve(input);
    expect(resolved.steps[0]).toEqual({ id: 'nps', type: 'custom', kind: 'nps', data: { scale: 10 } });
    expect(resolved.offers.gift).toEqual({ id: 'gift', type: 'custom', kind: 'gift_card', data: { value: 20 } });
  });

  test('a flow missing its confirm or done step gets one: cancelling must always be possible', () => {
    const input = baseFlow({ steps: [{ id: 'confirm', type: 'feedback' }] });
    expect(resolve(input).steps.map((s) => [s.id, s.type])).toEqual([
      ['confirm', 'feedback'],
      ['confirm-2', 'confirm'],
      ['done', 'done'],
    ]);
  });
});

describe('the resolved flow', () => {
  test('is deterministic and survives JSON, as the server sends it to the browser', () => {
    const input = baseFlow({
      experiments: [
        {
          id: 'e',
          variants: [
            { id: 'a', weight: 1 },
            { id: 'b', weight: 1 },
          ],
        },
      ],
      compliance: ['eu'],
    });
    const config = parseFlow(input);
    const at = new Date('2026-07-01T00:00:00Z');
    const args = { config, subscriber: subscriber({ since: '2026-06-25' }), now: at };
    const resolved = resolveFlow(args);
    expect(resolveFlow(args)).toEqual(resolved);
    expect(JSON.parse(JSON.stringify(resolved))).toEqual(resolved);
  });
});

describe('isOfferEligible', () => {
  test('accepts offers of this resolution only, and by stage', () => {
    const input = baseFlow();
    input.steps[4] = { id: 'done', type: 'done', offer: 'winback' };
    const resolved = resolve(input);
    expect(isOfferEligible(resolved, 'discount')).toBe(true);
    expect(isOfferEligible(resolved, 'discount', 'before_cancel')).toBe(true);
    expect(isOfferEligible(resolved, 'discount', 'after_cancel')).toBe(false);
    expect(isOfferEligible(resolved, 'winback', 'after_cancel')).toBe(true);
    expect(isOfferEligible(resolved, 'winback', 'before_cancel')).toBe(false);
    expect(isOfferEligible(resolved, 'downgrade')).toBe(false);
    expect(isOfferEligible(resolved, 'toString')).toBe(false);
  });
});

describe('checkOfferChoice', () => {
  test('fills in the only plan and checks pause lengths in their unit', () => {
    const config = parseFlow(
      baseFlow({
        offers: {
          one: { type: 'plan_change', plans: [{ id: 'p', name: 'P', price: { amount: 1, currency: 'USD' } }] },
          weeks: { type: 'pause', unit: 'week', max: 4 },
        },
      }),
    );
    const plan = config.offers.one;
    const weeks = config.offers.weeks;
    if (!plan || !weeks) throw new Error('fixture');
    expect(checkOfferChoice(plan, undefined)).toEqual({ ok: true, choice: { planId: 'p' } });
    expect(checkOfferChoice(weeks, { weeks: 4 })).toEqual({ ok: true, choice: { weeks: 4 } });
    expect(checkOfferChoice(weeks, { weeks: 5 })).toEqual({ ok: false, problem: 'choose a pause of 1 to 4 weeks' });
    expect(checkOfferChoice(weeks, { months: 1 }).ok).toBe(false);
    expect(checkOfferChoice(weeks, { weeks: 1.5 }).ok).toBe(false);
    const discount = parseFlow(baseFlow()).offers.discount;
    if (!discount) throw new Error('fixture');
    expect(checkOfferChoice(discount, {})).toEqual({ ok: true });
    expect(checkOfferChoice(discount, { months: 2 })).toEqual({
      ok: false,
      problem: 'a discount offer takes no choice',
    });
  });
});
