import type { Policy, Refund } from '../config/index.ts';
import { addDays, isoDay, utcDay } from '../dates/days.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Translator } from '../i18n/translator.ts';
import type { SubscriberClaims } from '../subscriber.ts';

/** What a cancellation means for this subscriber, as the confirm step states it and the receipt records it. */
export interface CancellationTerms {
  /**
   * The day access ends, ISO date (YYYY-MM-DD). Absent when access lasts until the end of the current
   * billing period and neither the token nor billing said when that is: we never invent a date.
   */
  readonly effectiveOn?: string | undefined;
  /** True when access ends at once (policy `immediately`, a period end already past, or a withdrawal). */
  readonly endsNow: boolean;
  readonly refund: Refund;
  /**
   * What this subscriber gets back, in `currency`'s major unit, when the last payment is known (0: no
   * refund). Absent when it cannot be known: then the flow's rule is stated instead.
   */
  readonly refundAmount?: number | undefined;
  /** The subscriber's currency (the `currency` claim), for `refundAmount`. */
  readonly currency?: string | undefined;
  /**
   * The subscriber withdrew from the contract (the `eu` withdrawal function): the contract ends at
   * once and everything paid is refunded, whatever the flow's refund rule says.
   */
  readonly withdrawal: boolean;
}

/**
 * The terms that apply if this subscriber cancels now: access ends at the end of the paid period
 * (the `periodEnd` claim, or unknown) or at once, and the refund the flow's rule gives this subscriber
 * (from the `lastPaymentOn` and `lastPaymentAmount` claims) — or, for a withdrawal, at once with
 * everything refunded. Used by the confirm step, the receipt and the server, so all three say the same.
 */
export function cancellationTerms(
  policy: Policy,
  subscriber: SubscriberClaims,
  now: Date,
  options: { readonly withdrawal?: boolean } = {},
): CancellationTerms {
  const end = subscriber.periodEnd && isoDay(subscriber.periodEnd);
  const today = utcDay(now);
  const withdrawal = options.withdrawal === true;
  // A period end already past means the paid period is over: access ends now, not on a day gone by.
  const later = !withdrawal && policy.effective === 'period_end' && !(end && end <= today);
  return {
    effectiveOn: later ? end || undefined : today,
    endsNow: !later,
    refund: policy.refund,
    refundAmount: refundDue(policy.refund, subscriber, today, later ? undefined : end),
    currency: subscriber.currency,
    withdrawal,
  };
}

/**
 * The refund the rule gives this subscriber, when the facts it needs are known (0: none). `prorated`
 * refunds the unused calendar days of the paid period, so it is known only when access ends now
 * (`endsAt` is the period end then) and the period and payment are known.
 */
function refundDue(
  refund: Refund,
  { lastPaymentOn, lastPaymentAmount: paid }: SubscriberClaims,
  today: string,
  endsAt: string | undefined,
): number | undefined {
  const paidOn = lastPaymentOn && isoDay(lastPaymentOn);
  if (refund.type === 'none' || (paidOn && refund.type === 'full_within' && today > addDays(paidOn, refund.days))) {
    return 0;
  }
  if (!paidOn || paid === undefined) return undefined;
  if (refund.type === 'full_within') return paid;
  if (endsAt && endsAt > paidOn) {
    const unused = Math.max(0, Date.parse(endsAt) - Date.parse(today)) / (Date.parse(endsAt) - Date.parse(paidOn));
    return Math.round(paid * unused * 100) / 100;
  }
  return undefined;
}

const REFUND_TEXT = {
  none: 'confirm.refundNone',
  prorated: 'confirm.refundProrated',
  full_within: 'confirm.refundFullWithin',
} as const satisfies Record<Refund['type'], MessageKey>;

/**
 * The refund that applies, in the subscriber's words: the confirm step's line and the receipt's. The
 * outcome ("You will be refunded $49") when it is known, else the flow's rule.
 */
export function refundText(
  t: Translator,
  terms: Pick<CancellationTerms, 'refund' | 'refundAmount' | 'currency' | 'withdrawal'>,
): string {
  const { refund, refundAmount: amount, currency } = terms;
  if (terms.withdrawal) return t.t('receipt.withdrawal');
  if (amount === 0) return t.t('confirm.refundNone');
  if (amount !== undefined && currency) return t.t('confirm.refundAmount', { amount: t.money(amount, currency) });
  return t.t(REFUND_TEXT[refund.type], refund.type === 'full_within' ? { days: refund.days } : {});
}

/** When access ends, in the subscriber's words: the confirm step's line and the receipt's. */
export function accessText(t: Translator, terms: Pick<CancellationTerms, 'effectiveOn' | 'endsNow'>): string {
  if (terms.endsNow) return t.t('confirm.accessEndsNow');
  return terms.effectiveOn
    ? t.t('confirm.accessEndsOn', { date: t.date(terms.effectiveOn, 'long') })
    : t.t('confirm.accessEndsPeriodEnd');
}
