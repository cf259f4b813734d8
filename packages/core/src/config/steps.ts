import * as z from 'zod/mini';
import { FLOW_DEFAULTS } from './defaults.ts';
import { doc } from './describe.ts';
import { Id, Text } from './primitives.ts';

const StepRef = doc(Id.clone(), {
  description: 'The id of the step to go to next instead of the following one.',
  examples: ['feedback'],
});
const OfferRef = doc(Id.clone(), { description: 'The key of an offer in `offers`.', examples: ['pause_3m'] });

const heading = {
  title: z.optional(
    doc(Text.clone(), {
      description: "The step's heading. Defaults to a built-in, translated heading.",
      examples: ['Why are you leaving?'],
    }),
  ),
  description: z.optional(
    doc(Text.clone(), {
      description: 'A sentence under the heading.',
      examples: ['Your answer helps us improve.'],
    }),
  ),
};

export const Reason = z.strictObject({
  id: Id,
  label: Text,
  followUp: z.optional(
    doc(
      z.strictObject({
        prompt: doc(Text.clone(), { description: 'The question above the text box.', examples: ['What went wrong?'] }),
        maxLength: z._default(
          doc(z.int().check(z.gte(1), z.lte(5000)), { description: 'The longest answer, in characters.' }),
          FLOW_DEFAULTS.followUpMaxLength,
        ),
      }),
      {
        description: 'An optional free-text question shown when this reason is picked. Answering it is never required.',
      },
    ),
  ),
  offer: z.optional(
    doc(OfferRef.clone(), { description: 'The offer that fits this reason (e.g. a pause for "not using it").' }),
  ),
  next: z.optional(StepRef),
});

export const SurveyStep = doc(
  z.strictObject({
    id: Id,
    type: z.literal('survey'),
    ...heading,
    reasons: doc(z.array(Reason).check(z.minLength(1), z.maxLength(12)), {
      description: 'The reasons offered, as a radio group. Picking one is optional.',
    }),
    shuffle: z.optional(
      doc(z.boolean(), {
        description:
          'Shuffle the reasons per subscriber (stable for that subscriber) to avoid order bias. "Other"-like reasons listed last stay last when `pinLast` is set.',
      }),
    ),
    pinLast: z.optional(
      doc(z.int().check(z.gte(0), z.lte(12)), {
        description: 'How many reasons at the end of the list are not shuffled.',
      }),
    ),
    next: z.optional(StepRef),
  }),
  { description: 'Asks why the subscriber is leaving.' },
);

export const OfferStep = doc(
  z.strictObject({
    id: Id,
    type: z.literal('offer'),
    ...heading,
    offer: z.optional(
      doc(OfferRef.clone(), {
        description:
          'A fixed offer. Without it the step shows the offer that fits the chosen reason, and is skipped when there is none.',
      }),
    ),
    next: z.optional(StepRef),
  }),
  { description: 'Shows one offer, with "Continue to cancel" beside it.' },
);

export const FeedbackStep = doc(
  z.strictObject({
    id: Id,
    type: z.literal('feedback'),
    ...heading,
    placeholder: z.optional(
      doc(Text.clone(), {
        description: 'Hint text inside the empty text box.',
        examples: ['What could we do better?'],
      }),
    ),
    maxLength: z._default(
      doc(z.int().check(z.gte(1), z.lte(5000)), { description: 'The longest answer, in characters.' }),
      FLOW_DEFAULTS.feedbackMaxLength,
    ),
    counter: z.optional(doc(z.boolean(), { description: 'Show a character counter under the text box.' })),
    next: z.optional(StepRef),
  }),
  { description: 'Free-text feedback. Always optional to answer.' },
);

export const ConfirmStep = doc(
  z.strictObject({
    id: Id,
    type: z.literal('confirm'),
    ...heading,
    confirmLabel: z.optional(
      doc(Text.clone(), {
        description:
          'The cancel button. Under the `de` and `fr` profiles it must say unambiguously that it cancels ("Jetzt kündigen", "Confirmer ma demande de résiliation").',
        examples: ['Cancel subscription', { en: 'Cancel subscription', de: 'Jetzt kündigen' }],
      }),
    ),
    keepLabel: z.optional(
      doc(Text.clone(), { description: 'The button that keeps the subscription.', examples: ['Keep my plan'] }),
    ),
  }),
  {
    description:
      'States when access ends and the refund or credit that applies (from `policy`), and confirms the cancellation.',
  },
);

export const DoneStep = doc(
  z.strictObject({
    id: Id,
    type: z.literal('done'),
    // Its own words head the receipt of a cancel only: one heading for every outcome would say, after a
    // save, that the subscription was cancelled ("Your subscription has been cancelled").
    title: z.optional(
      doc(Text.clone(), {
        description:
          'The heading above the receipt after a cancel. Defaults to a built-in, translated heading. Never shown after a save, where the built-in thank-you ("Thank you for staying") heads the step, nor after a withdrawal ("You have withdrawn from the contract").',
        examples: ['Sorry to see you go'],
      }),
    ),
    description: z.optional(
      doc(Text.clone(), {
        description:
          'A sentence under that heading, shown when it is. After a save the step says what changed instead ("Your subscription is paused until …").',
        examples: ['Keep this receipt for your records.'],
      }),
    ),
    offer: z.optional(
      doc(OfferRef.clone(), {
        description:
          'An offer shown after the cancellation is done (allowed under `us-mn`, which forbids offers during cancellation).',
      }),
    ),
  }),
  {
    description:
      'The end: a receipt the subscriber can keep (what was cancelled, when, effective date), or a thank-you after a save.',
  },
);

export const CustomStep = doc(
  z.strictObject({
    id: Id,
    type: z.literal('custom'),
    kind: doc(z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,63}$/)), {
      description: 'Which custom renderer shows this step; steps without a renderer are skipped.',
      examples: ['nps'],
    }),
    ...heading,
    data: z.optional(
      doc(z.record(z.string(), z.unknown()), {
        description: 'Anything your renderer needs.',
        examples: [{ question: 'How likely are you to recommend us?' }],
      }),
    ),
    next: z.optional(StepRef),
  }),
  { description: 'A step your own code renders (e.g. an NPS question).' },
);

export const Step = z.discriminatedUnion('type', [
  SurveyStep,
  OfferStep,
  FeedbackStep,
  ConfirmStep,
  DoneStep,
  CustomStep,
]);

export type Step = z.output<typeof Step>;
export type StepType = Step['type'];
export type StepOfType<T extends StepType> = Extract<Step, { type: T }>;
export type Reason = z.output<typeof Reason>;

/** Every step type, once; see OFFER_TYPES. */
export const STEP_TYPES = {
  survey: true,
  offer: true,
  feedback: true,
  confirm: true,
  done: true,
  custom: true,
} as const satisfies Record<StepType, true>;
