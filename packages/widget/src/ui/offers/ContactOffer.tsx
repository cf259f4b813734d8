/** @jsxImportSource #vdom */
import { ChannelLinks } from '../ChannelLinks.tsx';
import type { OfferViewProps } from './types.ts';

/**
 * A person to talk to. Following a link takes nothing: it is not a decision to stay (the engine and the
 * server refuse to take a contact offer), so the flow stays open with "Continue to cancel".
 */
export function ContactOffer({ offer, footer, ui }: OfferViewProps<'contact'>) {
  const { t } = ui;
  return (
    <div class="offer">
      <hgroup id="cf-offer">
        <h3>{t.text(offer.title, 'contact.title')}</h3>
        <p>{t.text(offer.body, 'contact.body')}</p>
      </hgroup>
      <ChannelLinks channels={offer} t={t} />
      {footer({ label: '', viaLink: true })}
    </div>
  );
}
