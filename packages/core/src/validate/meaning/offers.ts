import type { Offer, OfferType } from '../../config/offers.ts';
import type { PathSegment } from '../problems.ts';
import { type CheckContext, reasonsOf, swapsOf } from './context.ts';

type OfferCheck<T extends OfferType> = (
  offer: Extract<Offer, { type: T }>,
  path: PathSegment[],
  context: CheckContext,
) => void;

/** What the schema cannot say about each offer type; a new type fails the build until listed. */
const OFFER_CHECKS: { [T in OfferType]: OfferCheck<T> } = {
  discount: (offer, path, { report }) => {
    if (offer.percentOff !== undefined && offer.amountOff !== undefined)
      report.error([...path, 'amountOff'], 'is given together with percentOff; a discount is one or the other');
    if (offer.percentOff === undefined && offer.amountOff === undefined)
      report.error(path, 'needs percentOff (e.g. 30) or amountOff (e.g. {"amount": 5, "currency": "USD"})');
  },
  contact: (offer, path, { report }) => {
    if (!offer.email && !offer.chatUrl && !offer.phone && !offer.bookingUrl)
      report.error(path, 'needs at least one channel: email, chatUrl, phone or bookingUrl');
  },
  pause: () => {},
  plan_change: () => {},
  trial_extension: () => {},
  redirect: () => {},
  custom: () => {},
};

function check<T extends OfferType>(offer: Extract<Offer, { type: T }>, path: PathSegment[], context: CheckContext) {
  (OFFER_CHECKS[offer.type] as OfferCheck<T>)(offer, path, context);
}

/** Offers, experiments and survey options that parse but cannot work as written. */
export function checkOffers(context: CheckContext): void {
  const { config, report } = context;
  for (const [id, offer] of Object.entries(config.offers)) check(offer, ['offers', id], context);

  config.experiments?.forEach((experiment, i) => {
    if (experiment.variants.every((variant) => variant.weight === 0))
      report.error(
        ['experiments', i, 'variants'],
        'all have weight 0, so no subscriber could be assigned; give one a weight above 0',
      );
    experiment.variants.forEach((variant, j) => {
      if (variant.holdout && variant.offers && Object.values(variant.offers).some((offer) => offer !== null))
        report.error(
          ['experiments', i, 'variants', j, 'offers'],
          'adds offers to a holdout variant, which by definition shows none',
        );
    });
  });

  config.steps.forEach((step, index) => {
    if (step.type !== 'survey' || step.pinLast === undefined) return;
    if (!step.shuffle) report.warning(['steps', index, 'pinLast'], 'has no effect without "shuffle": true');
    else if (step.pinLast >= step.reasons.length)
      report.warning(['steps', index, 'pinLast'], `pins all ${step.reasons.length} reasons, so nothing is shuffled`);
  });

  const used = new Set<string>();
  for (const { reason } of reasonsOf(config.steps)) if (reason.offer) used.add(reason.offer);
  for (const step of config.steps)
    if ((step.type === 'offer' || step.type === 'done') && step.offer) used.add(step.offer);
  for (const swap of swapsOf(config))
    for (const offer of Object.values(swap.offers ?? {})) if (offer !== null) used.add(offer);
  for (const id of Object.keys(config.offers))
    if (!used.has(id))
      report.warning(['offers', id], 'is never shown: no reason, step, targeting rule or experiment refers to it', {
        at: 'key',
      });
}
