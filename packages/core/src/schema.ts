/**
 * `@cancelflow/core/schema`: the zod schemas (flow config, token claims). A separate entry point so
 * that the browser's click path, which imports `@cancelflow/core`, never pulls zod in.
 */
export * from './config/index.ts';
export { SubscriberClaims } from './subscriber.ts';
export {
  AcceptOfferBody,
  ConfirmCancelBody,
  EventBatchBody,
  FlowEvent,
  OfferChoice,
  PreviewSessionBody,
  type SessionPreview,
  StartSessionBody,
} from './wire.ts';
