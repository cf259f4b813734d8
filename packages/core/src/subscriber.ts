import * as z from 'zod/mini';
import { doc } from './config/describe.ts';
import { isDayClaim } from './dates/days.ts';

/**
 * A pattern check whose message says what the claim must be in words (`cancelflow token` prints it after
 * "claim since"), with the value found when zod reports it: a raw regex helps no one who wrote a claim.
 */
const pattern = (regex: RegExp, what: string) =>
  z.regex(regex, {
    error: (issue) => `must be ${what}${issue.input === undefined ? '' : `, not ${JSON.stringify(issue.input)}`}`,
  });

/**
 * A day: `YYYY-MM-DD`, or an ISO date-time with its offset (`…Z`, `…+02:00`), counted as that instant's
 * day in UTC. Not a real day (`2027-02-30`) or a date-time without its offset: refused (422), since
 * the confirm step, the receipt and billing would each read it differently.
 */
const day = () =>
  z.string().check(
    pattern(/^\d{4}-\d{2}-\d{2}/, 'a date YYYY-MM-DD (or a date-time with its offset, e.g. 2026-03-01T12:00:00Z)'),
    z.refine(isDayClaim, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a day: give YYYY-MM-DD, or a date-time with its offset (Z or ±hh:mm)`,
    }),
  );
/** An amount in a currency's major unit: at most a billion, so that sums over many sessions stay exact. */
const amount = () => z.number().check(z.gte(0), z.lte(1_000_000_000));

/**
 * Who is cancelling, as the site's server signed it into the token (docs/security.md, Tokens). The browser
 * cannot change any of it: the server re-checks every decision that depends on it.
 */
export const SubscriberClaims = doc(
  z.looseObject({
    sub: doc(z.string().check(z.minLength(1), z.maxLength(200)), {
      description: "The customer id in the site's own system.",
    }),
    sid: z.optional(doc(z.string().check(z.maxLength(200)), { description: 'The subscription id.' })),
    plan: z.optional(z.string().check(z.maxLength(200))),
    mrr: z.optional(
      doc(amount(), { description: "Monthly recurring revenue in the currency's major unit (0 to 1,000,000,000)." }),
    ),
    currency: z.optional(z.string().check(pattern(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals, e.g. USD'))),
    since: z.optional(doc(day(), { description: 'Customer since, an ISO date.' })),
    country: z.optional(
      doc(z.string().check(pattern(/^[A-Z]{2}$/, 'an ISO 3166-1 code in capitals, e.g. DE')), {
        description: 'ISO 3166-1 alpha-2 country from billing data.',
      }),
    ),
    region: z.optional(
      doc(z.string().check(z.maxLength(10)), {
        description: 'ISO 3166-2 subdivision code without the country, e.g. `CA`, `MN`.',
      }),
    ),
    trial: z.optional(z.boolean()),
    trialEnds: z.optional(day()),
    periodEnd: z.optional(
      doc(day(), {
        description:
          'End of the current paid period (ISO date); the confirm step states it as the day access ends. Without it (and no billing lookup), it says access lasts until the end of the current billing period.',
      }),
    ),
    lastPaymentOn: z.optional(
      doc(day(), {
        description:
          'Day of the last payment (ISO date). With `lastPaymentAmount` and `currency`, the confirm step states the refund this subscriber gets instead of the rule.',
      }),
    ),
    lastPaymentAmount: z.optional(doc(amount(), { description: "The last payment, in the currency's major unit." })),
    price: z.optional(
      doc(amount(), {
        description: 'The current price per billing interval, to show the discounted price.',
      }),
    ),
    locale: z.optional(z.string().check(z.maxLength(35))),
    // A plain string, not z.email(): a claim the server cannot mail must not refuse the session
    // (the cancel comes first); the server skips an address that does not look like one.
    email: z.optional(
      doc(z.string().check(z.maxLength(254)), {
        description:
          "Where the server's follow-up mail goes (confirmations, win-back). Without it, or if it is not an address, none is sent.",
      }),
    ),
    attrs: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
    exp: z.optional(z.number()),
  }),
  { description: 'The subscriber claims of the signed token.' },
);

export type SubscriberClaims = z.output<typeof SubscriberClaims>;
