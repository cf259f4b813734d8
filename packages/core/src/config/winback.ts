import * as z from 'zod/mini';
import { doc } from './describe.ts';
import { Id, Text } from './primitives.ts';

export const WinbackStep = doc(
  z.strictObject({
    afterDays: doc(z.int().check(z.gte(1), z.lte(365)), {
      description: 'Days after the cancellation this message is sent. Each step must come later than the one before.',
      examples: [14],
    }),
    offer: z.optional(
      doc(Id.clone(), {
        description:
          'An offer applied when the subscriber comes back through the link: a `discount`, `plan_change` (its first plan) or `custom` offer.',
        examples: ['discount_30'],
      }),
    ),
    subject: z.optional(
      doc(Text.clone(), {
        description: "The message's subject. Defaults to a built-in, translated one.",
        examples: ['Come back for 30% off'],
      }),
    ),
    body: z.optional(
      doc(Text.clone(), {
        description: 'The first paragraph. Defaults to a built-in, translated one.',
        examples: ['Your projects are still here.'],
      }),
    ),
  }),
  { description: 'One message of the win-back sequence.' },
);

export const Winback = doc(
  z.strictObject({
    reasons: z.optional(
      doc(z.array(Id).check(z.minLength(1)), {
        description:
          'Only subscribers who gave one of these reasons get the sequence. Without it, everyone who cancels does.',
        examples: [['too_expensive', 'not_using']],
      }),
    ),
    steps: doc(z.array(WinbackStep).check(z.minLength(1), z.maxLength(5)), {
      description: 'The messages, 1 to 5, in the order they are sent.',
    }),
  }),
  {
    description:
      'Emails that invite the subscriber back after a cancellation, with a link that reactivates (docs/follow-up.md).',
  },
);

export type Winback = z.output<typeof Winback>;
