export {
  type AcceptOfferRequest,
  type Adapter,
  AdapterError,
  type AdapterErrorCode,
  type ConfirmCancelRequest,
  type SessionStart,
  type StartSessionRequest,
} from './adapter.ts';
export type { ProfileId } from './compliance/ids.ts';
export { PROFILE_IDS } from './compliance/ids.ts';
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
export type { EventPayloads, FlowEvent, FlowEventType, OfferChoice, Receipt } from './events.ts';
export { assignVariant, type WeightedVariant } from './experiments/assign.ts';
export { hash32, unitInterval } from './experiments/hash.ts';
export { formatMessage, type MessageParams } from './i18n/format.ts';
export { loadCatalog } from './i18n/load.ts';
export { BUILT_IN_LOCALES, type BuiltInLocale, directionOf } from './i18n/locales.ts';
export { type Catalog, en, type MessageKey } from './i18n/messages/en.ts';
export { type LocalePreferences, matchLocale, negotiateLocale } from './i18n/negotiate.ts';
export { type LocalizedText, resolveText } from './i18n/text.ts';
export { createTranslator, type DateStyle, type Translator, type TranslatorOptions } from './i18n/translator.ts';
export type { Outcome, OutcomeStatus } from './outcome.ts';
export type { SubscriberClaims } from './subscriber.ts';
