import { checkRetryDelays, type Env, intFromEnv, settingName } from '../config/env.ts';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookSenderOptions } from '../webhooks/sender.ts';

/**
 * The webhook sender's knobs (poll, backoff, attempts, `timeoutMs` for one SMTP delivery, after which
 * it is aborted, `concurrency`) plus the lease.
 */
export interface MailSenderOptions extends WebhookSenderOptions {
  /**
   * How long a sender holds a message it took; another sender (this process after a restart, or
   * another process) may take it after that. Longer than `timeoutMs`, so a live send is never doubled.
   */
  readonly leaseMs: number;
}

export const DEFAULT_MAIL_OPTIONS: MailSenderOptions = {
  ...DEFAULT_WEBHOOK_OPTIONS,
  // Mail servers ask for patience (greylisting answers "try again later" for minutes).
  baseDelayMs: 30_000,
  timeoutMs: 30_000,
  leaseMs: 90_000,
  concurrency: 4,
};

/** The options, from `startServer`'s `mail` over `CANCELFLOW_MAIL_*` variables over the defaults. */
export function mailOptions(env: Env | undefined, given: Partial<MailSenderOptions> = {}): MailSenderOptions {
  const fromEnv = {
    pollMs: intFromEnv(env, 'CANCELFLOW_MAIL_POLL_MS', 1),
    baseDelayMs: intFromEnv(env, 'CANCELFLOW_MAIL_RETRY_BASE_MS', 1),
    maxDelayMs: intFromEnv(env, 'CANCELFLOW_MAIL_RETRY_MAX_MS', 1),
    maxAttempts: intFromEnv(env, 'CANCELFLOW_MAIL_MAX_ATTEMPTS', 1),
    timeoutMs: intFromEnv(env, 'CANCELFLOW_MAIL_TIMEOUT_MS', 1),
    leaseMs: intFromEnv(env, 'CANCELFLOW_MAIL_LEASE_MS', 1),
  };
  const options = { ...DEFAULT_MAIL_OPTIONS };
  for (const [key, value] of Object.entries({ ...fromEnv, ...given })) {
    if (value !== undefined) Object.assign(options, { [key]: value });
  }
  checkRetryDelays(options, {
    base: settingName(env, 'CANCELFLOW_MAIL_RETRY_BASE_MS', given.baseDelayMs, 'mail.baseDelayMs'),
    max: settingName(env, 'CANCELFLOW_MAIL_RETRY_MAX_MS', given.maxDelayMs, 'mail.maxDelayMs'),
  });
  // A lease shorter than a send could let a second sender take a message still being sent.
  if (options.leaseMs <= options.timeoutMs) options.timeoutMs = Math.max(1, Math.floor(options.leaseMs / 2));
  return options;
}
