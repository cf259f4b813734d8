import * as z from 'zod/mini';
import { PROFILE_IDS } from '../compliance/ids.ts';
import { FLOW_DEFAULTS } from './defaults.ts';
import { doc } from './describe.ts';
import { Experiment } from './experiments.ts';
import { Offer, type OfferType } from './offers.ts';
import { Policy } from './policy.ts';
import { Id, LocaleTag } from './primitives.ts';
import { Step } from './steps.ts';
import { TargetingRule } from './targeting.ts';
import { Theme } from './theme.ts';
import { Winback } from './winback.ts';

export const Limits = doc(
  z.strictObject({
    maxOffersPerSession: z._default(
      doc(z.int().check(z.gte(0), z.lte(5)), { description: 'How many offers one cancellation may show at most.' }),
      FLOW_DEFAULTS.maxOffersPerSession,
    ),
    cooldownDays: z.optional(
      doc(
        z.partialRecord(
          z.enum([
            'discount',
            'pause',
            'plan_change',
            'trial_extension',
            'contact',
            'redirect',
            'custom',
          ] satisfies OfferType[]),
          z.int().check(z.gte(0), z.lte(3650)),
        ),
        {
          description:
            'Per offer type, how many days must pass after a subscriber was last shown one before it is shown again.',
          examples: [{ discount: 180, pause: 90 }],
        },
      ),
    ),
  }),
  { description: 'Caps on offers per session and per subscriber.' },
);

export const FlowConfig = doc(
  z.strictObject({
    $schema: z.optional(
      doc(z.string(), {
        description:
          "Path of this JSON Schema, relative to the flow file, for editor completion. The server ignores it; `cancelflow validate` warns when it reaches no file, a file other than this version's schema, or a URL (not fetched).",
        examples: ['../../packages/core/flow.schema.json'],
      }),
    ),
    id: doc(Id.clone(), { description: "The flow's id; sessions and insights refer to it.", examples: ['acme-main'] }),
    // At most 2^31 - 1: sessions store it as an integer column, which Postgres refused past that (a
    // publish or a session start answered 500 there, and passed on SQLite).
    version: doc(z.int().check(z.gte(1), z.lte(2_147_483_647)), {
      description: 'Bump it on every change (1 to 2,147,483,647); each session records the version it ran.',
      examples: [1],
    }),
    defaultLocale: z._default(
      doc(LocaleTag.clone(), {
        description:
          'The locale plain-string texts are written in, and the fallback when no preferred locale is available.',
      }),
      FLOW_DEFAULTS.defaultLocale,
    ),
    locales: z.optional(
      doc(z.array(LocaleTag).check(z.minLength(1)), {
        description:
          "Locales this flow's own copy is translated into. Every text object must give each of them. Built-in strings cover en, de, fr, es, pt-BR, it, nl, pl, sv, ja and ar.",
        examples: [['en', 'de']],
      }),
    ),
    compliance: z.optional(
      doc(z.array(z.enum(PROFILE_IDS)), {
        description:
          "Compliance profiles the flow declares it meets; the validator rejects a flow that cannot. `us-ftc` always applies. At run time the engine also applies the strictest profile for the subscriber's country and region.",
        examples: [['us-ftc', 'us-ca', 'de']],
      }),
    ),
    policy: Policy,
    offers: z._default(
      doc(z.record(Id, Offer), {
        description:
          'The offers, by id. Reasons, offer steps, targeting rules and experiment variants refer to them by id.',
      }),
      {},
    ),
    steps: doc(z.array(Step).check(z.minLength(1), z.maxLength(20)), {
      description: 'The steps, in order. "Continue to cancel" on every step jumps straight to the `confirm` step.',
    }),
    targeting: z.optional(
      doc(z.array(TargetingRule), {
        description: "Rules on the subscriber's claims that swap offers or copy; the first match wins.",
      }),
    ),
    experiments: z.optional(
      doc(z.array(Experiment), {
        description: 'A/B tests of offers or copy, applied after targeting. A subscriber is in one variant of each.',
      }),
    ),
    limits: z._default(Limits, { maxOffersPerSession: FLOW_DEFAULTS.maxOffersPerSession }),
    theme: z.optional(Theme),
    winback: z.optional(Winback),
  }),
  {
    title: 'cancelflow flow',
    description: 'A cancel flow: the steps a subscriber goes through, the offers, the terms, and who sees what.',
  },
);

/** A flow config as written by hand (defaults not yet applied). */
export type FlowConfigInput = z.input<typeof FlowConfig>;
/** A parsed flow config, with defaults applied. */
export type FlowConfig = z.output<typeof FlowConfig>;
export type Limits = z.output<typeof Limits>;
