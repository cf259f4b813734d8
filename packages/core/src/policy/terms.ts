import type { Policy, Refund } from '../config/index.ts';
import type { SubscriberClaims } from '../subscriber.ts';

/** What a cancellation means for this subscriber, as the confirm step states it and the receipt records it. */
export interface CancellationTerms {
  /** The day access ends, ISO date (YYYY-MM-DD). */
  readonly effectiveOn: string;
  /** True when access ends at once (policy `immediately`, or no known period end). */
  readonly endsNow: boolean;
  readonly refund: Refund;
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * The terms that apply if this subscriber cancels now: access ends at the end of the paid period
 * (from the token's `periodEnd`) or at once, and the flow's refund rule. Used by the confirm step, by
 * the receipt, and by the server, so all three say the same.
 */
export function cancellationTerms(policy: Policy, subscriber: SubscriberClaims, now: Date): CancellationTerms {
  const periodEnd = subscriber.periodEnd?.slice(0, 10);
  const today = isoDay(now);
  const atPeriodEnd = policy.effective === 'period_end' && periodEnd !== undefined && periodEnd > today;
  return {
    effectiveOn: atPeriodEnd ? periodEnd : today,
    endsNow: !atPeriodEnd,
    refund: policy.refund,
  };
}
