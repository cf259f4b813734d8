/**
 * How a cancel flow ended:
 * - `saved`: the subscriber accepted an offer and stays;
 * - `cancelled`: the subscriber confirmed the cancellation;
 * - `abandoned`: the subscriber closed the flow without deciding (their subscription is unchanged);
 * - `error`: the flow could not run; the site's own cancel action proceeds instead.
 */
export type OutcomeStatus = 'saved' | 'cancelled' | 'abandoned' | 'error';

export interface Outcome {
  readonly status: OutcomeStatus;
  /** Empty when the flow failed before a session existed. */
  readonly sessionId: string;
  readonly reason?: string;
  readonly offer?: string;
  readonly feedback?: string;
  /** For `error`: what went wrong, written for the developer who reads the console. */
  readonly error?: string;
}
