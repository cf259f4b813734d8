/** @jsxImportSource #vdom */
import { ChannelLinks } from '../ChannelLinks.tsx';
import type { OfferViewProps } from './types.ts';

/** A person to talk to. Following one of the links is accepting the offer. */
export function ContactOffer({ offer, footer, ui }: OfferViewProps<'contact'>) {
  const { t, engine } = ui;
  return (
    <div class="offer">
      <h3>{t.text(offer.title, 'contact.title')}</h3>
      <p>{t.text(offer.body, 'contact.body')}</p>
      <ChannelLinks channels={offer} t={t} onFollow={() => void engine.acceptOffer()} />
      {footer({ label: '', viaLink: true })}
    </div>
  );
}
