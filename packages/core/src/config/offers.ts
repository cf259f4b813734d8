import * as z from 'zod/mini';
import { FLOW_DEFAULTS } from './defaults.ts';
import { doc } from './describe.ts';
import { ContactChannels, Id, Money, Text, WebUrl } from './primitives.ts';

/** Copy every offer may override; built-in, translated defaults are used for what is left out. */
const offerCopy = {
  title: z.optional(
    doc(Text.clone(), {
      description: 'Heading of the offer card. Defaults to a built-in, translated title for the offer type.',
      examples: ['Take a break instead'],
    }),
  ),
  body: z.optional(
    doc(Text.clone(), {
      description: 'One or two sentences under the heading.',
      examples: ['Pause for up to 3 months and keep your data.'],
    }),
  ),
  acceptLabel: z.optional(
    doc(Text.clone(), { description: 'Label of the button that accepts the offer.', examples: ['Pause instead'] }),
  ),
};

export const DiscountOffer = doc(
  z.strictObject({
    type: z.literal('discount'),
    percentOff: z.optional(
      doc(z.number().check(z.gt(0), z.lte(100)), {
        description: 'Percentage off the current price, 1–100. Give this or `amountOff`.',
        examples: [30],
      }),
    ),
    amountOff: z.optional(
      doc(Money.clone(), { description: 'A fixed amount off each invoice. Give this or `percentOff`.' }),
    ),
    months: doc(z.int().check(z.gte(1), z.lte(36)), {
      description: 'For how many billing months the discount applies.',
      examples: [3],
    }),
    coupon: z.optional(
      doc(z.string().check(z.minLength(1), z.maxLength(200)), {
        description:
          "Your billing system's coupon or promotion id; passed to the billing plugin when the offer is accepted.",
        examples: ['SAVE30'],
      }),
    ),
    ...offerCopy,
  }),
  {
    description:
      "A price reduction for some months. The widget shows the new price when the subscriber's price is known.",
  },
);

export const PauseOffer = doc(
  z.strictObject({
    type: z.literal('pause'),
    unit: z._default(
      doc(z.enum(['month', 'week']), { description: 'Whether the subscriber chooses a number of months or of weeks.' }),
      FLOW_DEFAULTS.pauseUnit,
    ),
    max: doc(z.int().check(z.gte(1), z.lte(12)), {
      description: 'The longest pause the subscriber may choose, in `unit`s.',
      examples: [3],
    }),
    ...offerCopy,
  }),
  { description: 'A pause of 1 to `max` months or weeks; the widget shows the date billing resumes.' },
);

export const Plan = z.strictObject({
  id: doc(Id.clone(), { description: "Your billing system's plan id.", examples: ['basic'] }),
  name: doc(Text.clone(), { description: 'The plan name on its card.', examples: ['Starter'] }),
  description: z.optional(
    doc(Text.clone(), {
      description: 'One line under the name, e.g. what the plan includes.',
      examples: ['1 project'],
    }),
  ),
  price: Money,
  interval: z._default(
    doc(z.enum(['month', 'year']), { description: 'The billing interval `price` is for.' }),
    FLOW_DEFAULTS.planInterval,
  ),
});

export const PlanChangeOffer = doc(
  z.strictObject({
    type: z.literal('plan_change'),
    plans: doc(z.array(Plan).check(z.minLength(1), z.maxLength(4)), {
      description: 'The plans offered, as cards; the subscriber picks one.',
    }),
    ...offerCopy,
  }),
  { description: 'A switch to a cheaper or better-fitting plan.' },
);

export const TrialExtensionOffer = doc(
  z.strictObject({
    type: z.literal('trial_extension'),
    days: doc(z.int().check(z.gte(1), z.lte(90)), {
      description: 'Days added to the trial; the widget shows the new end date.',
      examples: [14],
    }),
    ...offerCopy,
  }),
  { description: 'More trial time, for subscribers still in a trial.' },
);

export const ContactOffer = doc(
  z.strictObject({
    type: z.literal('contact'),
    ...ContactChannels.shape,
    ...offerCopy,
  }),
  {
    description:
      'A talk with a person: email, chat, phone or a booked call, shown as real links. Give at least one channel. Following a link takes nothing: the subscriber may still cancel, and the offer counts as shown, never as accepted.',
  },
);

export const RedirectOffer = doc(
  z.strictObject({
    type: z.literal('redirect'),
    url: WebUrl,
    ...offerCopy,
  }),
  { description: 'A link elsewhere (a help article, an export tool); following it ends the flow as "saved".' },
);

export const CustomOffer = doc(
  z.strictObject({
    type: z.literal('custom'),
    kind: doc(z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,63}$/)), {
      description: 'Which custom renderer shows this offer; the widget skips offers whose kind it has no renderer for.',
      examples: ['gift_card'],
    }),
    data: z.optional(
      doc(z.record(z.string(), z.unknown()), {
        description: 'Anything your renderer and billing plugin need.',
        examples: [{ amount: 25 }],
      }),
    ),
    ...offerCopy,
  }),
  { description: 'An offer your own code renders and applies.' },
);

export const Offer = z.discriminatedUnion('type', [
  DiscountOffer,
  PauseOffer,
  PlanChangeOffer,
  TrialExtensionOffer,
  ContactOffer,
  RedirectOffer,
  CustomOffer,
]);

export type Offer = z.output<typeof Offer>;
export type OfferType = Offer['type'];
export type OfferOfType<T extends OfferType> = Extract<Offer, { type: T }>;

/**
 * Every offer type, once. A `Record<OfferType, …>` elsewhere fails the build when a type is added
 * here and not handled there.
 */
export const OFFER_TYPES = {
  discount: true,
  pause: true,
  plan_change: true,
  trial_extension: true,
  contact: true,
  redirect: true,
  custom: true,
} as const satisfies Record<OfferType, true>;
