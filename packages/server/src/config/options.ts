import type { RateLimitOptions } from '../deps.ts';
import type { Logger } from '../http/log.ts';
import type { MailSenderOptions } from '../mail/options.ts';
import type { RetentionPeriods } from '../privacy/periods.ts';
import type { WebhookSenderOptions } from '../webhooks/sender.ts';
import type { Env } from './env.ts';

export interface StartServerOptions {
  /** Port to listen on; 0 picks a free one. Env `CANCELFLOW_PORT`, default 8787. */
  readonly port?: number;
  /** Interface to bind. Env `CANCELFLOW_HOST`, default 127.0.0.1 (use 0.0.0.0 in a container). */
  readonly host?: string;
  /** SQLite file path or `postgres://…` URL. Env `CANCELFLOW_DB`, default `.data/cancelflow.sqlite`. */
  readonly db?: string;
  /** Bearer key of the admin API. Env `CANCELFLOW_ADMIN_KEY`; without it the admin API is closed. */
  readonly adminKey?: string;
  /** Path of the sites file. Env `CANCELFLOW_SITES`. */
  readonly sitesFile?: string;
  /** Base URL of receipt links. Env `CANCELFLOW_PUBLIC_URL`; default: the request's origin. */
  readonly publicUrl?: string;
  /**
   * The widget's built files to serve (`cancelflow.js`, `cancelflow-ui.js`, `chunks/`). Env
   * `CANCELFLOW_WIDGET_DIR`. Without either, start-up warns that `/cancelflow.js` answers 404; `false`
   * says the widget is served from elsewhere (a CDN, the site's own bundle): none served, no warning.
   */
  readonly widgetDir?: string | false;
  /** Trust `X-Forwarded-For` for the client IP. Env `CANCELFLOW_TRUST_PROXY=1`. */
  readonly trustProxy?: boolean;
  /** Close gracefully on SIGTERM/SIGINT and exit. Default true; tests that start many servers pass false. */
  readonly handleSignals?: boolean;
  /** Where JSON log lines go; `false` for none. Default: stdout. */
  readonly log?: Logger | false;
  /** Env `CANCELFLOW_WEBHOOK_POLL_MS`, `CANCELFLOW_WEBHOOK_RETRY_BASE_MS`, `CANCELFLOW_WEBHOOK_RETRY_MAX_MS`, `CANCELFLOW_WEBHOOK_MAX_ATTEMPTS`. */
  readonly webhooks?: Partial<WebhookSenderOptions>;
  /** Env `CANCELFLOW_MAIL_POLL_MS`, `…_RETRY_BASE_MS`, `…_RETRY_MAX_MS`, `…_MAX_ATTEMPTS`, `…_TIMEOUT_MS`, `…_LEASE_MS`. */
  readonly mail?: Partial<MailSenderOptions>;
  /** How often the retention job runs. Env `CANCELFLOW_RETENTION_INTERVAL_MS`, default hourly. */
  readonly retentionIntervalMs?: number;
  /**
   * Env `CANCELFLOW_RETENTION_WEBHOOK_BODY_DAYS` (default 7) and `CANCELFLOW_RETENTION_AUDIT_DAYS`
   * (default 365): see `RetentionPeriods`. Free text, mail and claims follow the flow's `retentionDays`.
   */
  readonly retention?: Partial<RetentionPeriods>;
  /**
   * How long a client may take to send a whole request, headers and body. Env
   * `CANCELFLOW_REQUEST_TIMEOUT_MS`, default 30 s; past it the server answers 408 and closes the connection.
   */
  readonly requestTimeoutMs?: number;
  /** How long a client may take to send a request's headers. Env `CANCELFLOW_HEADERS_TIMEOUT_MS`, default 10 s. */
  readonly headersTimeoutMs?: number;
  /**
   * How long a decision or an `Idempotency-Key` being processed is presumed to belong to a live
   * request (default 60 s, above the billing plugin's 10 s timeout); after that a retry of the same
   * request, e.g. after a crash, may take it over.
   */
  readonly leaseMs?: number;
  /**
   * Env `CANCELFLOW_RATE_LIMIT_IP` / `CANCELFLOW_RATE_LIMIT_SESSION` / `CANCELFLOW_RATE_LIMIT_SUBSCRIBER` as
   * `burst/perSecond`, e.g. `120/20`.
   */
  readonly rateLimits?: Partial<RateLimitOptions>;
  /** The clock (tests). */
  readonly now?: () => Date;
  /** Where the variables above are read; default `process.env`. */
  readonly env?: Env;
}
