import { type ConfirmCancelRequest, cancellationTerms, type Receipt, randomId, refundText } from '@cancelflow/core';
import type { Started } from './started.ts';
import { warnOverrides } from './static-overrides.ts';

/**
 * What a static flow's receipt says: the flow's policy applied now, in the subscriber's words. Fetched
 * after the first screen (static-flow.ts), and awaited by a cancel confirmed before it arrived.
 */
export function staticReceipt({ session, t }: Started, request: ConfirmCancelRequest): Receipt {
  // Here, off the click path: the widget cannot refuse an unchecked flow without the schema's bytes,
  // but the developer trying their flow gets told before the subscriber does (docs/widget.md).
  warnOverrides(session.flow.config);
  const now = new Date();
  const terms = cancellationTerms(session.flow.config.policy, session.subscriber, now, {
    withdrawal: request.withdraw === true && session.flow.withdrawal !== undefined,
  });
  return {
    id: randomId(),
    sessionId: request.sessionId,
    confirmedAt: now.toISOString(),
    effectiveOn: terms.effectiveOn,
    refund: refundText(t, terms),
    ...(terms.withdrawal && { withdrawal: true }),
  };
}
