import * as z from 'zod/mini';
import { doc } from './describe.ts';
import { Id, Text } from './primitives.ts';

/** Claims of the signed token a rule can test; `attrs.<name>` reaches custom attributes. */
export const STANDARD_CLAIMS = [
  'plan',
  'mrr',
  'currency',
  'since',
  'tenureDays',
  'country',
  'region',
  'trial',
  'locale',
] as const;

export const Claim = doc(
  z
    .string()
    .check(
      z.regex(
        /^(plan|mrr|currency|since|tenureDays|country|region|trial|locale|attrs\.[A-Za-z0-9_-]{1,64})$/,
        `must be one of ${STANDARD_CLAIMS.join(', ')} or attrs.<name>`,
      ),
    ),
  {
    description:
      'A claim from the signed token: `plan`, `mrr`, `currency`, `since` (ISO date), `tenureDays` (days since `since`), `country`, `region`, `trial`, `locale`, or `attrs.<name>` for a custom attribute.',
    examples: ['plan', 'attrs.seats'],
  },
);

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const op = <const T extends readonly [string, ...string[]]>(values: T) =>
  doc(z.enum(values), { description: 'The comparison.' });

export const Condition = z.discriminatedUnion('op', [
  doc(
    z.strictObject({
      claim: Claim,
      op: op(['eq', 'neq']),
      value: doc(Scalar, { description: 'The value the claim is compared with.', examples: ['pro'] }),
    }),
    { description: 'Equal (`eq`) or not equal (`neq`) to a value.' },
  ),
  doc(
    z.strictObject({
      claim: Claim,
      op: op(['in', 'nin']),
      value: doc(z.array(Scalar).check(z.minLength(1)), {
        description: 'The values the claim is looked up in.',
        examples: [['pro', 'team']],
      }),
    }),
    { description: 'One of (`in`) or none of (`nin`) a list of values.' },
  ),
  doc(
    z.strictObject({
      claim: Claim,
      op: op(['gte', 'lte', 'gt', 'lt']),
      value: doc(z.union([z.number(), z.string()]), {
        description: 'A number, or an ISO date for `since`.',
        examples: [500, '2024-01-01'],
      }),
    }),
    { description: 'Numeric comparison, or ISO-date comparison for `since`.' },
  ),
  doc(z.strictObject({ claim: Claim, op: op(['exists', 'missing']) }), {
    description: 'The claim is present (`exists`) or absent (`missing`).',
  }),
]);

/** Replaces the offer of some reasons; `null` removes the offer for that reason. */
export const OfferSwaps = doc(z.record(Id, z.nullable(Id)), {
  description: 'Maps a reason id to the offer to show for it instead (or `null` for none).',
  examples: [{ too_expensive: 'downgrade' }],
});

/** Replaces the heading or description of some steps. */
export const CopySwaps = doc(z.record(Id, z.strictObject({ title: z.optional(Text), description: z.optional(Text) })), {
  description: 'Maps a step id to a different title and/or description.',
  examples: [{ why: { title: 'Before you go, what could we do better?' } }],
});

export const TargetingRule = doc(
  z.strictObject({
    id: Id,
    when: doc(z.array(Condition).check(z.minLength(1)), {
      description: 'All conditions must hold for the rule to match.',
    }),
    offers: z.optional(OfferSwaps),
    copy: z.optional(CopySwaps),
  }),
  {
    description:
      "When the subscriber's claims match, swap offers or copy. Rules are tried in order; the first match wins.",
  },
);

export type Condition = z.output<typeof Condition>;
export type TargetingRule = z.output<typeof TargetingRule>;
