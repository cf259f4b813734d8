/** @jsxImportSource #vdom */
import type { OfferViewProps } from './types.ts';

/** A link elsewhere (help article, export tool), opened in a new tab; following it is accepting. */
export function RedirectOffer({ offer, footer, ui }: OfferViewProps<'redirect'>) {
  const { t, engine } = ui;
  return (
    <div class="offer">
      <hgroup id="cf-offer">
        <h3>{t.text(offer.title, 'redirect.title')}</h3>
        {offer.body && <p>{t.text(offer.body)}</p>}
      </hgroup>
      <p>
        <a
          class="choice"
          href={offer.url}
          target="_blank"
          rel="noopener noreferrer"
          // The second tap of a double tap on the step before opens nothing and takes nothing (see ActionProps).
          onClick={(event: MouseEvent) => (event.detail > 1 ? event.preventDefault() : void engine.acceptOffer())}
        >
          {t.text(offer.acceptLabel, 'redirect.accept')}
        </a>
      </p>
      {footer({ label: '', viaLink: true })}
    </div>
  );
}
