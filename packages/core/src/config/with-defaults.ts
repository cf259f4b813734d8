import { FLOW_DEFAULTS } from './defaults.ts';
import type { FlowConfig, FlowConfigInput } from './flow.ts';
import type { Offer } from './offers.ts';
import type { Step } from './steps.ts';

type OfferInput = FlowConfigInput['offers'] extends Record<string, infer O> | undefined ? O : never;
type StepInput = FlowConfigInput['steps'][number];

function offerWithDefaults(offer: OfferInput): Offer {
  if (offer.type === 'pause') return { ...offer, unit: offer.unit ?? FLOW_DEFAULTS.pauseUnit };
  if (offer.type === 'plan_change') {
    return {
      ...offer,
      plans: offer.plans.map((plan) => ({ ...plan, interval: plan.interval ?? FLOW_DEFAULTS.planInterval })),
    };
  }
  return offer as Offer;
}

function stepWithDefaults(step: StepInput): Step {
  if (step.type === 'feedback') return { ...step, maxLength: step.maxLength ?? FLOW_DEFAULTS.feedbackMaxLength };
  if (step.type === 'survey') {
    return {
      ...step,
      reasons: step.reasons.map((reason) =>
        reason.followUp
          ? {
              ...reason,
              followUp: { ...reason.followUp, maxLength: reason.followUp.maxLength ?? FLOW_DEFAULTS.followUpMaxLength },
            }
          : reason,
      ),
    } as Step;
  }
  return step as Step;
}

/**
 * A flow config with the schema's defaults filled in, without zod: for a static flow the widget
 * fetches as plain JSON. It does not validate (run `cancelflow validate` on static flows); a test
 * checks it agrees with `FlowConfig.parse` on every generated valid config.
 */
export function withFlowDefaults(input: FlowConfigInput): FlowConfig {
  return {
    ...input,
    defaultLocale: input.defaultLocale ?? FLOW_DEFAULTS.defaultLocale,
    policy: { ...input.policy, retentionDays: input.policy.retentionDays ?? FLOW_DEFAULTS.retentionDays },
    offers: Object.fromEntries(Object.entries(input.offers ?? {}).map(([id, offer]) => [id, offerWithDefaults(offer)])),
    steps: input.steps.map(stepWithDefaults),
    limits: {
      ...input.limits,
      maxOffersPerSession: input.limits?.maxOffersPerSession ?? FLOW_DEFAULTS.maxOffersPerSession,
    },
    ...(input.theme && { theme: { ...input.theme, mode: input.theme.mode ?? FLOW_DEFAULTS.themeMode } }),
  } as FlowConfig;
}
