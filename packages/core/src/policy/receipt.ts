import type { Receipt } from '../events.ts';
import type { Translator } from '../i18n/translator.ts';

/**
 * A receipt's lines in the subscriber's language — what was cancelled, when, when access ends, the
 * refund, the reference — for the done step, the file the subscriber downloads, and the server's
 * printable page, so all three say the same.
 */
export function receiptLines(receipt: Receipt, t: Translator): string[] {
  return [
    receipt.plan && t.t('receipt.plan', { plan: receipt.plan }),
    receipt.subscriptionId && t.t('receipt.subscription', { id: receipt.subscriptionId }),
    t.t('receipt.cancelledOn', { datetime: t.dateTime(receipt.confirmedAt, 'long') }),
    receipt.effectiveOn
      ? t.t('receipt.accessEndsOn', { date: t.date(receipt.effectiveOn, 'long') })
      : t.t('confirm.accessEndsPeriodEnd'),
    t.t('receipt.refund', { refund: receipt.refund }),
    t.t('receipt.reference', { id: receipt.id }),
  ].filter((line): line is string => Boolean(line));
}
