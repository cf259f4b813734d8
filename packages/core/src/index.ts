export { assignVariant, type WeightedVariant } from './experiments/assign.ts';
export { hash32, unitInterval } from './experiments/hash.ts';
export { type LocalePreferences, matchLocale, negotiateLocale } from './i18n/negotiate.ts';
export type { Outcome, OutcomeStatus } from './outcome.ts';
