export {
  type AcceptOfferRequest,
  type Adapter,
  AdapterError,
  type AdapterErrorCode,
  type BeaconAdapter,
  type ConfirmCancelRequest,
  type SessionPreview,
  type SessionStart,
  type StartSessionRequest,
} from './adapter.ts';
export type { ProfileId } from './compliance/ids.ts';
export { PROFILE_IDS } from './compliance/ids.ts';
export { EU_COUNTRIES, jurisdictionProfiles, profilesInForce } from './compliance/jurisdiction.ts';
export { type ComplianceRules, PROFILE_RULES, rulesFor } from './compliance/rules.ts';
export { withdrawalFor, withdrawalOpen } from './compliance/withdrawal.ts';
export { FLOW_DEFAULTS } from './config/defaults.ts';
export type {
  Condition,
  Experiment,
  FlowConfig,
  FlowConfigInput,
  Limits,
  Offer,
  OfferOfType,
  OfferType,
  Policy,
  Reason,
  Refund,
  Step,
  StepOfType,
  StepType,
  TargetingRule,
  Theme,
  Variant,
} from './config/index.ts';
export { withFlowDefaults } from './config/with-defaults.ts';
export { addMonths, addPeriod, weekStart } from './dates/calendar.ts';
export { addDays, DAY_MS, daysSince, isoDay, shiftDays, utcDay } from './dates/days.ts';
export { type ChoiceCheck, checkOfferChoice } from './engine/choice.ts';
export { createFlowEngine, loadDecisions } from './engine/engine.ts';
export {
  isFlowReason,
  isOfferEligible,
  type OfferStage,
  offersShownFor,
} from './engine/offers.ts';
export { resolveFlow } from './engine/resolve.ts';
export type { ReadonlySignal } from './engine/store.ts';
export type {
  EngineEffects,
  EngineOptions,
  EngineState,
  FlowEngine,
  FlowError,
  PriorOffer,
  ResolvedFlow,
  ResolvedOffer,
  ResolveInput,
} from './engine/types.ts';
export type { EventPayloads, FlowEvent, FlowEventType, OfferChoice, OfferResult, Receipt } from './events.ts';
export { assignVariant, type WeightedVariant } from './experiments/assign.ts';
export { hash32, unitInterval } from './experiments/hash.ts';
export { formatMessage, type MessageParams } from './i18n/format.ts';
export { createFormats, type DateStyle, type Formats } from './i18n/formats.ts';
export { type CatalogPart, loadCatalog } from './i18n/load.ts';
export { BUILT_IN_LOCALES, type BuiltInLocale, directionOf } from './i18n/locales.ts';
export { matchLocale } from './i18n/match.ts';
export {
  type Catalog,
  type CatalogParts,
  type ConfirmCatalog,
  en,
  type LaterCatalog,
  type MessageKey,
  type OfferCatalog,
  type OpeningCatalog,
} from './i18n/messages/en.ts';
export { type LocalePreferences, negotiateLocale } from './i18n/negotiate.ts';
export { type LocalizedText, resolveText } from './i18n/text.ts';
export {
  createStrings,
  createTranslator,
  type Strings,
  type Translator,
  type TranslatorOptions,
} from './i18n/translator.ts';
export type { Outcome, OutcomeStatus } from './outcome.ts';
export { type AcceptedChange, CHANGES_SUBSCRIPTION, changeLines } from './policy/change.ts';
export { discountTitle } from './policy/discount-title.ts';
export { receiptLines } from './policy/receipt.ts';
export { accessText, type CancellationTerms, cancellationTerms, refundText } from './policy/terms.ts';
export { randomId } from './random.ts';
export { seededRandom } from './seeded-random.ts';
export type { SubscriberClaims } from './subscriber.ts';
export { type ClaimValue, claimValue } from './targeting/claims.ts';
export { conditionHolds, matchRule } from './targeting/match.ts';
