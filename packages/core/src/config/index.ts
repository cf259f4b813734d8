export { doc, type FieldDoc } from './describe.ts';
export type { Experiment, Variant } from './experiments.ts';
export { FlowConfig, type FlowConfigInput, type Limits } from './flow.ts';
export { OFFER_TYPES, Offer, type OfferOfType, type OfferType } from './offers.ts';
export type { Policy, Refund } from './policy.ts';
export { isSafeWebUrl } from './primitives.ts';
export { type Reason, STEP_TYPES, Step, type StepOfType, type StepType } from './steps.ts';
export { type Condition, STANDARD_CLAIMS, type TargetingRule } from './targeting.ts';
export type { Theme } from './theme.ts';
