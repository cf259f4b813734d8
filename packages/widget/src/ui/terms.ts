import type { MessageKey, Refund, Translator } from '@cancelflow/core';

const REFUND_TEXT = {
  none: 'confirm.refundNone',
  prorated: 'confirm.refundProrated',
  full_within: 'confirm.refundFullWithin',
} as const satisfies Record<Refund['type'], MessageKey>;

/** The flow's refund rule in the subscriber's words, for the confirm step and the receipt. */
export function refundText(t: Translator, refund: Refund): string {
  return t.t(REFUND_TEXT[refund.type], refund.type === 'full_within' ? { days: refund.days } : {});
}
