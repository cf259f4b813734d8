import type { OfferOfType } from '../config/index.ts';
import type { Translator } from '../i18n/translator.ts';

/**
 * "30% off for 3 months": the discount offer's title, and the change the done step names. A module of
 * its own so that the widget's offer view, which shows it, does not carry the done step's wording of
 * every other change (change.ts) into the code a flow opening on an offer waits for.
 */
export function discountTitle(t: Translator, offer: OfferOfType<'discount'>): string {
  return offer.percentOff !== undefined
    ? t.t('discount.titlePercent', { percent: t.percent(offer.percentOff), months: offer.months })
    : t.t('discount.titleAmount', {
        amount: offer.amountOff ? t.money(offer.amountOff.amount, offer.amountOff.currency) : '',
        months: offer.months,
      });
}
