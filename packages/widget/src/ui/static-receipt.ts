import { cancellationTerms, type Receipt, refundText } from '@cancelflow/core';
import type { Started } from './started.ts';

/**
 * What a static flow's receipt says: the flow's policy applied now, in the subscriber's words. Fetched
 * after the first screen (static-flow.ts), and awaited by a cancel confirmed before it arrived.
 */
export function staticReceipt(
  { session, t }: Started,
  withdraw: boolean,
): Pick<Receipt, 'effectiveOn' | 'refund' | 'withdrawal'> {
  const terms = cancellationTerms(session.flow.config.policy, session.subscriber, new Date(), {
    withdrawal: withdraw && session.flow.withdrawal !== undefined,
  });
  return {
    effectiveOn: terms.effectiveOn,
    refund: refundText(t, terms),
    ...(terms.withdrawal && { withdrawal: true }),
  };
}
