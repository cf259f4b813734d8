/** @jsxImportSource #vdom */
import { discountTitle } from '@cancelflow/core';
import type { OfferViewProps } from './types.ts';

export function DiscountOffer({ offer, footer, ui }: OfferViewProps<'discount'>) {
  const { t, subscriber } = ui;
  const title = discountTitle(t, offer);
  const { price, currency } = subscriber;
  let newPrice: number | undefined;
  if (price !== undefined && currency) {
    if (offer.percentOff !== undefined) newPrice = price * (1 - offer.percentOff / 100);
    else if (offer.amountOff?.currency === currency) newPrice = Math.max(0, price - offer.amountOff.amount);
  }
  return (
    <div class="offer">
      <hgroup id="cf-offer">
        <h3>{t.text(offer.title) || title}</h3>
        <p>{t.text(offer.body, 'discount.body')}</p>
      </hgroup>
      {newPrice !== undefined && currency && (
        <p class="highlight">
          {t.t('discount.newPrice', { price: t.money(Math.round(newPrice * 100) / 100, currency) })}
        </p>
      )}
      {footer({ label: t.text(offer.acceptLabel, 'discount.accept') })}
    </div>
  );
}
