/**
 * fast-check generators for the engine's property tests: valid flow configs (checked by parsing
 * with the real `FlowConfig` schema) and subscriber contexts, including the awkward corners a
 * product manager can write: `next` overrides that jump backwards, offer steps with nothing to
 * show, questions after the confirm step, targeting and experiments that remove offers.
 */
import fc from 'fast-check';
import type { FlowConfigInput, PriorOffer, ProfileId, ResolveInput, SubscriberClaims } from '../src/index.ts';
import { PROFILE_IDS } from '../src/index.ts';
import { FlowConfig } from '../src/schema.ts';

type Json = Record<string, unknown>;

/** Drops keys whose value is undefined, so generated configs look hand-written. */
const compact = <T extends Json>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const DAY = 86_400_000;
const EPOCH = Date.parse('2020-01-01');
const isoDay = (days: number) => new Date(EPOCH + days * DAY).toISOString().slice(0, 10);

const offer = fc.oneof(
  fc.record({
    type: fc.constant('discount' as const),
    percentOff: fc.integer({ min: 1, max: 100 }),
    months: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    type: fc.constant('pause' as const),
    unit: fc.constantFrom('month' as const, 'week' as const),
    max: fc.integer({ min: 1, max: 12 }),
  }),
  fc.integer({ min: 1, max: 3 }).map((n) => ({
    type: 'plan_change' as const,
    plans: Array.from({ length: n }, (_, i) => ({
      id: `plan${i}`,
      name: `Plan ${i}`,
      price: { amount: 5 * (i + 1), currency: 'USD' },
    })),
  })),
  fc.record({ type: fc.constant('trial_extension' as const), days: fc.integer({ min: 1, max: 90 }) }),
  fc.constant({ type: 'contact' as const, email: 'help@example.com' }),
  fc.constant({ type: 'redirect' as const, url: 'https://example.com/export' }),
  fc.constant({ type: 'custom' as const, kind: 'gift_card' }),
);

const OFFER_TYPES = ['discount', 'pause', 'plan_change', 'trial_extension', 'contact', 'redirect', 'custom'] as const;

const CLAIM_VALUES = {
  plan: fc.constantFrom('basic', 'pro', 'team'),
  mrr: fc.integer({ min: 0, max: 2000 }),
  country: fc.constantFrom('US', 'DE', 'FR', 'IT', 'GB'),
  region: fc.constantFrom('CA', 'MN', 'NY'),
  trial: fc.boolean(),
  tenureDays: fc.integer({ min: 0, max: 2000 }),
  since: fc.integer({ min: 0, max: 2900 }).map(isoDay),
  'attrs.seats': fc.integer({ min: 1, max: 50 }),
} as const;

const condition = fc.constantFrom(...(Object.keys(CLAIM_VALUES) as (keyof typeof CLAIM_VALUES)[])).chain((claim) => {
  const value: fc.Arbitrary<string | number | boolean> = CLAIM_VALUES[claim];
  return fc.oneof(
    fc.record({ claim: fc.constant(claim), op: fc.constantFrom('eq', 'neq'), value }),
    fc.record({
      claim: fc.constant(claim),
      op: fc.constantFrom('in', 'nin'),
      value: fc.array(value, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      claim: fc.constant(claim),
      op: fc.constantFrom('gte', 'lte', 'gt', 'lt'),
      value: claim === 'since' ? CLAIM_VALUES.since : fc.integer({ min: 0, max: 2000 }),
    }),
    fc.record({ claim: fc.constant(claim), op: fc.constantFrom('exists', 'missing') }),
  );
});

type StepKind = 'survey' | 'offer' | 'feedback' | 'custom';

/** A valid flow config, parsed: the input a product manager could have written, with defaults applied. */
export const flowConfig: fc.Arbitrary<FlowConfig> = fc
  .record({
    offers: fc.array(offer, { maxLength: 5 }),
    before: fc.array(fc.constantFrom<StepKind>('survey', 'offer', 'feedback', 'custom'), { maxLength: 5 }),
    after: fc.array(fc.constantFrom<StepKind>('survey', 'feedback'), { maxLength: 2 }),
  })
  .chain(({ offers, before, after }) => {
    const offerIds = offers.map((_, i) => `o${i}`);
    const stepIds = [...before.map((_, i) => `s${i}`), 'confirm', ...after.map((_, i) => `a${i}`), 'done'];
    // Swaps may name reasons that do not exist: resolution must ignore them.
    const reasonPool = ['r_ghost', ...[...before, ...after].flatMap((_, i) => [0, 1, 2, 3].map((j) => `r${i}_${j}`))];
    const offerRef = offerIds.length > 0 ? maybe(fc.constantFrom(...offerIds)) : fc.constant(undefined);
    const nextRef = fc.option(fc.constantFrom(...stepIds), { nil: undefined, freq: 3 });
    const swaps = fc.dictionary(
      fc.constantFrom(...reasonPool),
      offerIds.length ? fc.option(fc.constantFrom(...offerIds), { nil: null }) : fc.constant(null),
      { maxKeys: 3 },
    );

    const step = (kind: StepKind, index: number, id: string) => {
      switch (kind) {
        case 'survey':
          return fc
            .record({
              reasons: fc.array(fc.record({ offer: offerRef, next: nextRef, followUp: fc.boolean() }), {
                minLength: 1,
                maxLength: 4,
              }),
              shuffle: fc.boolean(),
              pinLast: fc.integer({ min: 0, max: 2 }),
              next: nextRef,
            })
            .map(({ reasons, ...rest }) =>
              compact({
                id,
                type: 'survey',
                ...rest,
                reasons: reasons.map((r, j) =>
                  compact({
                    id: `r${index}_${j}`,
                    label: `Reason ${j}`,
                    offer: r.offer,
                    next: r.next,
                    followUp: r.followUp ? { prompt: 'Tell us more', maxLength: 40 } : undefined,
                  }),
                ),
              }),
            );
        case 'offer':
          return fc.record({ offer: offerRef, next: nextRef }).map((r) => compact({ id, type: 'offer', ...r }));
        case 'feedback':
          return fc
            .record({ maxLength: fc.integer({ min: 1, max: 100 }), next: nextRef })
            .map((r) => compact({ id, type: 'feedback', ...r }));
        case 'custom':
          return nextRef.map((next) => compact({ id, type: 'custom', kind: 'nps', next }));
      }
    };

    return fc
      .record({
        steps: fc.tuple(
          ...before.map((kind, i) => step(kind, i, `s${i}`)),
          fc.constant({ id: 'confirm', type: 'confirm' }),
          ...after.map((kind, i) => step(kind, before.length + i, `a${i}`)),
          offerRef.map((o) => compact({ id: 'done', type: 'done', offer: o })),
        ),
        compliance: maybe(fc.subarray([...PROFILE_IDS])),
        targeting: maybe(
          fc.array(
            fc.record({
              when: fc.array(condition, { minLength: 1, maxLength: 2 }),
              offers: maybe(swaps),
              copy: maybe(fc.constant({ confirm: { title: 'Sure?' } })),
            }),
            { maxLength: 3 },
          ),
        ),
        experiment: maybe(
          fc.record({
            variants: fc.array(
              fc.record({ weight: fc.integer({ min: 0, max: 100 }), holdout: fc.boolean(), offers: maybe(swaps) }),
              {
                minLength: 2,
                maxLength: 3,
              },
            ),
          }),
        ),
        limits: fc.record(
          {
            maxOffersPerSession: fc.integer({ min: 0, max: 3 }),
            cooldownDays: fc.dictionary(fc.constantFrom(...OFFER_TYPES), fc.integer({ min: 0, max: 365 }), {
              maxKeys: 3,
            }),
          },
          { requiredKeys: [] },
        ),
        withdrawalDays: maybe(fc.integer({ min: 0, max: 60 })),
      })
      .map(({ steps, compliance, targeting, experiment, limits, withdrawalDays }) => {
        const input = compact({
          id: 'generated',
          version: 1,
          compliance,
          policy: compact({ effective: 'period_end', refund: { type: 'none' }, withdrawalDays }),
          offers: Object.fromEntries(offers.map((o, i) => [`o${i}`, o])),
          steps,
          targeting: targeting?.map((rule, i) => compact({ id: `rule${i}`, ...rule })),
          experiments: experiment && [
            {
              id: 'exp',
              variants: experiment.variants.map((v, i) => compact({ id: `v${i}`, ...v })),
            },
          ],
          limits: compact(limits),
        }) as FlowConfigInput;
        const parsed = FlowConfig.safeParse(input);
        if (!parsed.success) {
          throw new Error(
            `generated an invalid config: ${JSON.stringify(parsed.error.issues)}\n${JSON.stringify(input)}`,
          );
        }
        return parsed.data;
      });
  });

export const subscriberClaims: fc.Arbitrary<SubscriberClaims> = fc.record(
  {
    sub: fc.string({ minLength: 1, maxLength: 12 }),
    plan: CLAIM_VALUES.plan,
    mrr: CLAIM_VALUES.mrr,
    since: CLAIM_VALUES.since,
    country: fc.constantFrom('US', 'DE', 'FR', 'IT', 'GB', 'CA', 'NL'),
    region: CLAIM_VALUES.region,
    trial: fc.boolean(),
    locale: fc.constantFrom('en', 'de', 'fr'),
    attrs: fc.record({ seats: CLAIM_VALUES['attrs.seats'] }, { requiredKeys: [] }),
  },
  { requiredKeys: ['sub'] },
);

/** Between 2024 and the end of 2027: before and after each law's start date. */
export const now = fc.integer({ min: 1461, max: 2921 }).map((days) => new Date(EPOCH + days * DAY + 43_200_000));

export const history: fc.Arbitrary<PriorOffer[]> = fc.array(
  fc.record({
    offerType: fc.constantFrom(...OFFER_TYPES),
    offerId: fc.constantFrom('o0', 'o1'),
    shownAt: fc.integer({ min: 1200, max: 2921 }).map((d) => new Date(EPOCH + d * DAY).toISOString()),
  }),
  { maxLength: 3 },
);

export const resolveInput: fc.Arbitrary<ResolveInput> = fc
  .record({ config: flowConfig, subscriber: subscriberClaims, history, now })
  .map((r) => r);

/** A resolve input under which `profile` is in force: declared by the flow or from the subscriber's jurisdiction. */
export function withProfile(profile: Extract<ProfileId, 'us-mn' | 'de'>): fc.Arbitrary<ResolveInput> {
  return fc.record({ input: resolveInput, declared: fc.boolean() }).map(({ input, declared }) => {
    if (declared) {
      return { ...input, config: { ...input.config, compliance: [...(input.config.compliance ?? []), profile] } };
    }
    const where = profile === 'de' ? { country: 'DE' } : { country: 'US', region: 'MN' };
    const now = new Date(Math.max(input.now.getTime(), Date.parse('2025-01-02')));
    return { ...input, subscriber: { ...input.subscriber, ...where }, now };
  });
}

/** One thing a subscriber can do; indexes pick among what is on screen. */
export type Action =
  | { readonly kind: 'select'; readonly index: number }
  | { readonly kind: 'followUp' | 'feedback'; readonly text: string }
  | { readonly kind: 'accept'; readonly valid: boolean }
  | {
      readonly kind: 'next' | 'decline' | 'continueToCancel' | 'back' | 'confirmCancel' | 'close';
    };

export const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('select' as const), index: fc.nat(4) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('followUp' as const, 'feedback' as const),
      text: fc.string({ maxLength: 8 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('accept' as const), valid: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.constantFrom({ kind: 'next' as const }, { kind: 'decline' as const }, { kind: 'back' as const }),
    weight: 6,
  },
  { arbitrary: fc.constantFrom({ kind: 'continueToCancel' as const }, { kind: 'confirmCancel' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'close' as const }), weight: 1 },
);

/** A session: what the subscriber does, and whether each backend call succeeds. */
export const script = fc.record({
  actions: fc.array(action, { maxLength: 12 }),
  backend: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
});
