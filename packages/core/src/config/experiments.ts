import * as z from 'zod/mini';
import { doc } from './describe.ts';
import { Id } from './primitives.ts';
import { CopySwaps, OfferSwaps } from './targeting.ts';

export const Variant = z.strictObject({
  id: Id,
  weight: doc(z.number().check(z.gte(0)), {
    description: "Relative weight; a subscriber's variant is a stable hash of the experiment id and their id.",
    examples: [50],
  }),
  holdout: z.optional(
    doc(z.boolean(), {
      description: "A holdout variant shows no offers at all; insights measure each variant's lift against it.",
    }),
  ),
  offers: z.optional(OfferSwaps),
  copy: z.optional(CopySwaps),
});

export const Experiment = doc(
  z.strictObject({
    id: Id,
    variants: doc(z.array(Variant).check(z.minLength(2), z.maxLength(10)), {
      description: 'The variants, 2 to 10; each subscriber is assigned one by weight.',
    }),
  }),
  { description: 'A/B test of offers or copy. Applied after targeting.' },
);

export type Experiment = z.output<typeof Experiment>;
export type Variant = z.output<typeof Variant>;
