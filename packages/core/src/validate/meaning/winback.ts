import { didYouMean } from '../words.ts';
import { type CheckContext, hasOwn, reasonsOf } from './context.ts';

/** Offer types a returning subscriber can be given; a pause or a trial makes no sense after a cancel. */
const WINBACK_OFFER_TYPES = ['discount', 'plan_change', 'custom'];

/** The win-back sequence: its offers and reasons exist, and its steps come in the order they are sent. */
export function checkWinback({ config, report }: CheckContext): void {
  const winback = config.winback;
  if (!winback) return;
  const reasonIds = reasonsOf(config.steps).map(({ reason }) => reason.id);
  winback.reasons?.forEach((id, index) => {
    if (!reasonIds.includes(id))
      report.error(
        ['winback', 'reasons', index],
        `refers to reason "${id}", which no survey step has${didYouMean(id, reasonIds)}`,
      );
  });
  const offerIds = Object.keys(config.offers);
  winback.steps.forEach((step, index) => {
    const path = ['winback', 'steps', index];
    const previous = winback.steps[index - 1];
    if (previous && step.afterDays <= previous.afterDays)
      report.error([...path, 'afterDays'], `must be later than the step before it (${previous.afterDays} days)`);
    if (step.offer === undefined) return;
    if (!hasOwn(config.offers, step.offer)) {
      report.error(
        [...path, 'offer'],
        `refers to offer "${step.offer}", which is not defined in offers${didYouMean(step.offer, offerIds)}`,
      );
    } else if (!WINBACK_OFFER_TYPES.includes(config.offers[step.offer]?.type ?? '')) {
      report.error(
        [...path, 'offer'],
        'must be a discount, plan_change or custom offer: it is applied when they come back',
      );
    }
  });
}
