import * as z from 'zod/mini';
import { FLOW_DEFAULTS } from './defaults.ts';
import { doc } from './describe.ts';
import { ContactChannels, Id, Text } from './primitives.ts';

export const Refund = doc(
  z.discriminatedUnion('type', [
    doc(z.strictObject({ type: z.literal('none') }), {
      description: 'No refund; access lasts until the end of the paid period.',
    }),
    doc(z.strictObject({ type: z.literal('prorated') }), {
      description: 'The unused part of the period is refunded (or credited).',
    }),
    doc(
      z.strictObject({
        type: z.literal('full_within'),
        days: doc(z.int().check(z.gte(1), z.lte(365)), {
          description: 'A full refund when cancelling within this many days of the last payment.',
          examples: [14],
        }),
      }),
      { description: 'A full refund within some days of the last payment, none after.' },
    ),
  ]),
  { description: 'What the subscriber gets back on cancelling; the confirm step and the receipt state it.' },
);

export const Company = doc(
  z.strictObject({
    name: doc(Text.clone(), { description: "Your company's legal name.", examples: ['Acme Inc.'] }),
    address: z.optional(
      doc(Text.clone(), { description: 'Its postal address, on one line.', examples: ['1 Main Street, Springfield'] }),
    ),
  }),
  {
    description:
      "Who the subscriber has the contract with. A receipt is a legal record: the done step, the downloaded receipt and the server's printable page open with these lines.",
  },
);

export const Policy = doc(
  z.strictObject({
    effective: doc(z.enum(['period_end', 'immediately']), {
      description: 'When a confirmed cancellation takes effect: at the end of the paid period, or at once.',
    }),
    refund: Refund,
    retentionDays: z._default(
      doc(z.int().check(z.gte(1), z.lte(3650)), {
        description:
          "Days the server keeps a session's personal data: free-text answers and sent follow-up mail are then deleted, and the session's stored claims reduced to what receipts and insights read (the server's retention job).",
        examples: [365],
      }),
      FLOW_DEFAULTS.retentionDays,
    ),
    withdrawalDays: z.optional(
      doc(z.int().check(z.gte(0), z.lte(365)), {
        description:
          'Length of the statutory withdrawal period, during which the confirm step offers to withdraw from the contract (at least 14 under the `eu` profile).',
        examples: [14],
      }),
    ),
    support: z.optional(
      doc(ContactChannels.clone(), {
        description: 'Where subscribers can reach a person; shown on the confirm step, under its two choices.',
      }),
    ),
    company: z.optional(Company),
    planNames: z.optional(
      doc(z.record(Id, Text), {
        description:
          "Display names of your billing plans by plan id (the token's `plan` claim), for the receipt. Plans a `plan_change` offer lists are named by the offer already.",
        examples: [{ pro: 'Pro', team: { en: 'Team', de: 'Team' } }],
      }),
    ),
  }),
  { description: 'The terms the confirm step states and the receipt records.' },
);

export type Policy = z.output<typeof Policy>;
export type Refund = z.output<typeof Refund>;
export type Company = z.output<typeof Company>;
