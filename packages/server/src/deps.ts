import type { Kysely } from 'kysely';
import type { BillingPlugin } from './billing/types.ts';
import type { SiteConfig, SiteRegistry } from './config/sites.ts';
import type { DbKind } from './db/kind.ts';
import type { Database } from './db/tables.ts';
import type { Logger } from './http/log.ts';
import type { BucketOptions } from './http/rate-limit.ts';
import type { InFlight } from './in-flight.ts';
import type { RetentionPeriods } from './privacy/periods.ts';

export interface RateLimitOptions {
  readonly perIp: BucketOptions;
  readonly perSession: BucketOptions;
  /** Wrong admin keys per client IP (key-guesses.ts); optional for apps built before it existed. */
  readonly adminKeyGuesses?: BucketOptions;
  /** New sessions per subscriber (site and `sub`), each a stored row; optional like the one above. */
  readonly perSubscriber?: BucketOptions;
}

/** Everything the HTTP app needs; `createApp` does no I/O of its own beyond these. */
export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly dbKind: DbKind;
  readonly sites: SiteRegistry;
  readonly billingFor: (site: SiteConfig) => BillingPlugin;
  /** After an erasure: leaves nothing of the deleted rows readable in the database's files. */
  readonly scrubDeleted: () => Promise<void>;
  /** What is wrong with the database that a query would not show (a SQLite file deleted), for the health check. */
  readonly dbProblem?: () => string | undefined;
  /** Decisions and idempotent writes running in this process (overlapping duplicates share them). */
  readonly inflight: InFlight;
  /** How long a session's start waits for the billing plugin's `lookup` (tests); default `LOOKUP_WAIT_MS`. */
  readonly lookupWaitMs?: number;
  /** See `StartServerOptions.leaseMs`. */
  readonly leaseMs: number;
  /** Called after a commit that queued webhooks or mail, so the senders do not wait for their next poll. */
  readonly wakeWebhooks: () => void;
  /** Without one, the admin API answers 401 to everyone. */
  readonly adminKey: string | undefined;
  readonly now: () => Date;
  readonly log: Logger;
  readonly rateLimits: RateLimitOptions;
  /** Take the client IP from `X-Forwarded-For` (only behind a proxy you run). */
  readonly trustProxy: boolean;
  readonly version: string;
  /** Public base URL for links in receipts (e.g. https://cancel.example.com); defaults to the request's. */
  readonly publicUrl: string | undefined;
  /** The widget's dist folder, served at `/cancelflow.js`, `/cancelflow-ui.js` and `/chunks/*` (optional). */
  readonly widgetDir?: string | undefined;
  /** See `StartServerOptions.retention`; default `DEFAULT_RETENTION_PERIODS`. */
  readonly retention?: RetentionPeriods;
}

export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = {
  perIp: { burst: 120, perSecond: 20 },
  perSession: { burst: 60, perSecond: 5 },
  adminKeyGuesses: { burst: 10, perSecond: 0.1 },
  // Far above anyone opening the flow by hand, far below a script filling the database (one a minute).
  perSubscriber: { burst: 60, perSecond: 1 / 60 },
};
