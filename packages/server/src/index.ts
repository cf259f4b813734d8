export { BODY_LIMITS, createApp } from './app.ts';
export { type SimulatedStripe, startSimulatedStripe } from './billing/stripe/simulator/account.ts';
export type {
  ApplyOfferRequest,
  ApplyOfferResult,
  BillingContext,
  BillingPlugin,
  CancelRequest,
} from './billing/types.ts';
export { BillingError } from './billing/types.ts';
export { ConfigError } from './config/errors.ts';
export type { StartServerOptions } from './config/options.ts';
export { loadSitesFile, type SiteConfig, SiteRegistry } from './config/sites.ts';
export { type Db, openDatabase, redacted } from './db/connect.ts';
export { CopyError, type CopyReport, copyDatabase } from './db/copy.ts';
export {
  SAMPLE_PREFIX,
  type SampleHistoryOptions,
  type SampleHistoryResult,
  seedSampleHistory,
} from './demo/sample-history.ts';
export { type DemoSubscription, seedSubscriptions } from './demo/subscriptions.ts';
export type { AppDeps } from './deps.ts';
export { type RunningServer, startServer } from './server.ts';
export { signatureHeader, verifySignature } from './webhooks/sign.ts';
