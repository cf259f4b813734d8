import type { OfferStage } from '@cancelflow/core';
import type { Generated, Insertable, Selectable } from 'kysely';
import type { StripeEventsTable, StripeSubscriptionColumns } from '../billing/stripe/schema.ts';
import type { FlowVersionsTable } from '../flows/schema.ts';
import type {
  AcceptedStage,
  OffersAppliedRollupTable,
  OffersAppliedTable,
  OffersShownRollupTable,
  OffersShownTable,
} from '../insights/offer-rollups.ts';
import type { MailOutboxTable, MailSuppressionsTable, ReactivationsTable } from '../mail/schema.ts';
import type { BillingStatusChangesTable, SaveRollupTable, SavesTable } from '../saves/schema.ts';

/**
 * The database, as Kysely sees it. Times are ISO 8601 UTC strings (they sort as text on SQLite and
 * Postgres alike); `created_day` and `created_week` are computed by the server when a session starts
 * so that trends need no dialect-specific date functions.
 */
export interface Database {
  sessions: SessionsTable;
  events: EventsTable;
  offers_accepted: OffersAcceptedTable;
  cancellations: CancellationsTable;
  feedback: FeedbackTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_buckets: RateBucketsTable;
  session_decisions: SessionDecisionsTable;
  webhook_outbox: WebhookOutboxTable;
  stripe_events: StripeEventsTable;
  mail_outbox: MailOutboxTable;
  mail_suppressions: MailSuppressionsTable;
  reactivations: ReactivationsTable;
  subscriptions: SubscriptionsTable;
  audit: AuditTable;
  flow_versions: FlowVersionsTable;
  /** Dashboard cookies signed out before they expire (nonce, and when the cookie would expire). */
  admin_revocations: { nonce: string; expires_at: string };
  session_rollup: SessionRollupTable;
  /** Appended by the triggers, folded into `session_rollup` (see `rollup.ts`). */
  session_rollup_delta: SessionRollupTable;
  /** A view: `session_rollup` plus the pending deltas. Insights read this. */
  session_counts: SessionRollupTable;
  /** Saves verified against billing, and the status changes that verify them (see `saves/`). */
  saves: SavesTable;
  billing_status_changes: BillingStatusChangesTable;
  save_rollup: SaveRollupTable;
  save_rollup_delta: SaveRollupTable;
  /** A view: `save_rollup` plus the pending deltas. The retained-saves insights read this. */
  save_counts: SaveRollupTable;
  /** The offers report's copies and rollups, and their views (see `insights/offer-rollups.ts`). */
  offers_shown: OffersShownTable;
  offers_shown_rollup: OffersShownRollupTable;
  offers_shown_rollup_delta: OffersShownRollupTable;
  offers_shown_counts: OffersShownRollupTable;
  offers_applied: OffersAppliedTable;
  offers_applied_rollup: OffersAppliedRollupTable;
  offers_applied_rollup_delta: OffersAppliedRollupTable;
  offers_applied_counts: OffersAppliedRollupTable;
}

export type SessionStatus = 'open' | 'saved' | 'cancelled' | 'abandoned';

export interface SessionsTable {
  id: string;
  site_id: string;
  flow_id: string;
  flow_version: number;
  subscriber_id: string;
  subscription_id: string | null;
  plan: string | null;
  mrr: number | null;
  currency: string | null;
  locale: string;
  experiment_id: string | null;
  variant: string | null;
  holdout: number;
  /** The verified token claims, as JSON; reduced by the retention job after the site's `retentionDays`. */
  claims_json: string;
  /** 1 once the retention job reduced `claims_json` (privacy/claims.ts): later runs skip the row. */
  claims_minimized: Generated<number>;
  /** The flow resolved for this subscriber when the session started: what every re-check uses. */
  flow_json: string;
  /** SHA-256 of the session key (the key itself is never stored). */
  key_hash: string;
  status: SessionStatus;
  reason_id: string | null;
  offer_id: string | null;
  created_at: string;
  created_day: string;
  created_week: string;
  ended_at: string | null;
}

export interface EventsTable {
  id: string;
  session_id: string;
  type: string;
  at: string;
  received_at: string;
  /** The payload without free text (that lives in `feedback`, under the retention job). */
  payload_json: string;
  offer_id: string | null;
  reason_id: string | null;
}

export interface OffersAcceptedTable {
  session_id: string;
  site_id: string;
  subscriber_id: string;
  offer_id: string;
  offer_type: string;
  choice_json: string | null;
  idempotency_key: string;
  /** `applying` while the billing plugin runs; `applied` once it succeeded. */
  state: 'applying' | 'applied';
  /** What the billing plugin answered; reduced by the retention job after the site's `retentionDays`. */
  result_json: string | null;
  /** 1 once the retention job reduced `result_json` (privacy/offer-results.ts): later runs skip the row. */
  result_minimized: Generated<number>;
  accepted_at: string;
  stage: Generated<AcceptedStage>;
}

export interface CancellationsTable {
  /** The receipt id: random and unguessable, since `GET /v1/receipts/:id` is public. */
  id: string;
  session_id: string;
  site_id: string;
  subscriber_id: string;
  subscription_id: string | null;
  plan: string | null;
  reason_id: string | null;
  locale: string;
  confirmed_at: string;
  effective_on: string;
  refund: string;
  /** 1 when the subscriber used the `eu` withdrawal function. */
  withdrawal: number;
  state: 'applying' | 'applied';
}

export interface FeedbackTable {
  id: string;
  session_id: string;
  site_id: string;
  flow_id: string;
  subscriber_id: string;
  reason_id: string | null;
  source: 'feedback_step' | 'follow_up' | 'cancel';
  text: string;
  created_at: string;
}

/**
 * The one decision taken in a session at a stage (`before_cancel`: accept, cancel or withdraw;
 * `after_cancel`: the done step's offer). Claimed before billing is told anything.
 */
export interface SessionDecisionsTable {
  session_id: string;
  /**
   * One decision per stage: before the cancel (an accept or the cancel), after the cancel (the done
   * step's offer), and `after_save`: the cancel of a subscriber who took an offer and then cancelled
   * anyway in the same session (often because the accept's answer never reached their browser).
   */
  stage: OfferStage | 'after_save';
  site_id: string;
  subscriber_id: string;
  kind: 'accept' | 'cancel' | 'withdraw';
  /** Equal for requests that ask for the same decision: they share one answer. */
  fingerprint: string;
  /** `applying` until billing confirmed and the outcome committed, then `applied`. */
  state: 'applying' | 'applied';
  /** What billing is told, written before telling it: a retry after a crash tells it the same. */
  told_json: string;
  /** The answer every request for this decision gets once it is applied. */
  answer_json: string | null;
  /** Until then the claimant is presumed alive; afterwards a retry of the same decision may take over. */
  lease_until: string;
  created_at: string;
  /** How often the server itself tried to finish it and billing failed (cancel/stranded.ts); an accept at `ACCEPT_TRIES` is given up. */
  resume_attempts: Generated<number>;
  /** The server's next try is not before then (its backoff); null before any failed try. A retry by the subscriber is not held back. */
  resume_after: Generated<string | null>;
}

/** A rate-limit token bucket shared by server processes (Postgres); `key` is `<scope>:<ip or session>`. */
export interface RateBucketsTable {
  key: string;
  tokens: number;
  /** When it was last refilled, in Unix milliseconds. */
  at_ms: number | string;
  /** Whether the last request got a token. */
  ok: boolean;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  /** Whose data the stored response holds, so erasure finds it. */
  subscriber_id: string | null;
  request_hash: string;
  /** 0 while the first request with this key runs (a reservation); then the HTTP status it answered. */
  status: number;
  response_json: string;
  created_at: string;
}

export interface WebhookOutboxTable {
  /** The delivery id: receivers de-duplicate by it. */
  id: string;
  site_id: string;
  subscriber_id: string | null;
  type: string;
  /** The exact bytes that are signed and sent, every attempt. */
  body: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  /** A sender's lease: another sender leaves the row alone until then. */
  locked_until: string | null;
  delivered_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

/** The demo ledger; for a `stripe` site, the server's view of each subscription, kept by Stripe's webhooks. */
export interface SubscriptionsTable extends StripeSubscriptionColumns {
  site_id: string;
  /** The subscription id from the token, or the subscriber id when the token has none. */
  subscription_id: string;
  subscriber_id: string;
  plan: string | null;
  /** `past_due`: Stripe's payments are failing (`stripe` sites only). */
  status: 'active' | 'paused' | 'cancelling' | 'cancelled' | 'past_due';
  paused_until: string | null;
  discount_json: string | null;
  trial_end: string | null;
  cancel_at: string | null;
  updated_at: string;
}

export interface AuditTable {
  id: string;
  at: string;
  site_id: string | null;
  session_id: string | null;
  subscriber_id: string | null;
  route: string;
  status: number;
  code: string;
  /** A short, machine-written detail (e.g. the offer id tried); never free text from the subscriber. */
  detail: string | null;
  /**
   * How many refusals the row stands for: 1, or for refusals nothing verified (no site known), those
   * of one minute with the same route, answer and ids (audit.ts).
   */
  count: Generated<number>;
}

/**
 * Session counts per insights dimension, maintained by triggers on `sessions` (see `rollup.ts`).
 * Absent dimensions are `''`, never NULL; `mrr_micros` is the summed MRR in millionths.
 */
export interface SessionRollupTable {
  site_id: string;
  flow_id: string;
  created_day: string;
  created_week: string;
  status: SessionStatus;
  currency: string;
  reason_id: string;
  experiment_id: string;
  variant: string;
  holdout: number;
  /** Postgres returns bigint sums as strings: read them with `Number()`. */
  n: number | string;
  mrr_micros: number | string;
  mrr_count: number | string;
}

export type SessionRow = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type OutboxRow = Selectable<WebhookOutboxTable>;
export type { Generated };
