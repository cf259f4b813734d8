import type { Env } from '../config/env.ts';
import { intFromEnv } from '../config/env.ts';
import { ConfigError } from '../config/errors.ts';

/**
 * How long the retention job keeps personal data that no flow's `policy.retentionDays` governs.
 * Free text, finished mail and stored claims follow the site's flow instead (privacy/retention.ts).
 */
export interface RetentionPeriods {
  /**
   * A delivered webhook's body (subscriber id, offer, for `mail.send` the address and the text) only
   * serves debugging a receiver: it is blanked this many days after delivery, or sooner if the site's
   * `retentionDays` is shorter. The row's metadata (id, type, times, attempts) stays.
   */
  readonly webhookBodyDays: number;
  /** Rows of `audit` (refused attempts, flow publishes) are security records: deleted after this. */
  readonly auditDays: number;
}

export const DEFAULT_RETENTION_PERIODS: RetentionPeriods = { webhookBodyDays: 7, auditDays: 365 };

/** Options win over `CANCELFLOW_RETENTION_WEBHOOK_BODY_DAYS` / `CANCELFLOW_RETENTION_AUDIT_DAYS`, then the defaults. */
export function retentionPeriods(env: Env | undefined, options: Partial<RetentionPeriods> = {}): RetentionPeriods {
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 3650))
      throw new ConfigError(`retention.${name} must be an integer 0–3650 (got ${value})`);
  }
  return {
    webhookBodyDays:
      options.webhookBodyDays ??
      intFromEnv(env, 'CANCELFLOW_RETENTION_WEBHOOK_BODY_DAYS', 0, 3650) ??
      DEFAULT_RETENTION_PERIODS.webhookBodyDays,
    auditDays:
      options.auditDays ??
      intFromEnv(env, 'CANCELFLOW_RETENTION_AUDIT_DAYS', 1, 3650) ??
      DEFAULT_RETENTION_PERIODS.auditDays,
  };
}
