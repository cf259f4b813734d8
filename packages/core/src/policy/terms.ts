import type { Policy, Refund } from '../config/index.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Translator } from '../i18n/translator.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import { utcDay } from '../dates.ts';

/** What a cancellation means for this subscriber, as the confirm step states it and the receipt records it. */
export interface CancellationTerms {
  /** The day access ends, ISO date (YYYY-MM-DD). */
  readonly effectiveOn: string;
  /** True when access ends at once (policy `immediately`, no known period end, or a withdrawal). */
  readonly endsNow: boolean;
  readonly refund: Refund;
  /**
   * The subscriber withdrew from the contract (the `eu` withdrawal function): the contract ends at
   * once and everything paid is refunded, whatever the flow's refund rule says.
   */
  readonly withdrawal: boolean;
}

/**
 * The terms that apply if this subscriber cancels now: access ends at the end of the paid period
 * (from the token's `periodEnd`) or at once, and the flow's refund rule — or, for a withdrawal, at
 * once with everything refunded. Used by the confirm step, the receipt and the server, so all three
 * say the same.
 */
export function cancellationTerms(
  policy: Policy,
  subscriber: SubscriberClaims,
  now: Date,
  options: { readonly withdrawal?: boolean } = {},
): CancellationTerms {
  const periodEnd = subscriber.periodEnd?.slice(0, 10);
  const today = utcDay(now);
  const withdrawal = options.withdrawal === true;
  const atPeriodEnd = !withdrawal && policy.effective === 'period_end' && periodEnd !== undefined && periodEnd > today;
  return {
    effectiveOn: atPeriodEnd ? periodEnd : today,
    endsNow: !atPeriodEnd,
    refund: policy.refund,
    withdrawal,
  };
}

const REFUND_TEXT = {
  none: 'confirm.refundNone',
  prorated: 'confirm.refundProrated',
  full_within: 'confirm.refundFullWithin',
} as const satisfies Record<Refund['type'], MessageKey>;

/** The refund that applies, in the subscriber's words: the confirm step's line and the receipt's. */
export function refundText(t: Translator, terms: Pick<CancellationTerms, 'refund' | 'withdrawal'>): string {
  if (terms.withdrawal) return t.t('receipt.withdrawal');
  const { refund } = terms;
  return t.t(REFUND_TEXT[refund.type], refund.type === 'full_within' ? { days: refund.days } : {});
}
