/** @jsxImportSource #vdom */
import { CustomMount } from '../CustomMount.tsx';
import type { OfferViewProps } from './types.ts';

/** An offer the site renders itself (`renderers.offers[kind]`); without a renderer, its title and body. */
export function CustomOffer({ offer, footer, ui }: OfferViewProps<'custom'>) {
  const { t, engine, renderers } = ui;
  const render = renderers.offers?.[offer.kind];
  return (
    <div class="offer">
      <hgroup id="cf-offer">
        <h3>{t.text(offer.title, 'custom.title')}</h3>
        {offer.body && <p>{t.text(offer.body)}</p>}
      </hgroup>
      {render && (
        <CustomMount
          render={render}
          context={{
            kind: offer.kind,
            locale: t.locale,
            data: offer.data,
            next: () => engine.declineOffer(),
            accept: () => void engine.acceptOffer(),
          }}
        />
      )}
      {footer({ label: t.text(offer.acceptLabel, 'custom.accept') })}
    </div>
  );
}
