/** @jsxImportSource #vdom */
import { addDays } from '@cancelflow/core';
import type { OfferViewProps } from './types.ts';

export function TrialExtensionOffer({ offer, footer, ui }: OfferViewProps<'trial_extension'>) {
  const { t, subscriber } = ui;
  const endsOn = subscriber.trialEnds ? addDays(subscriber.trialEnds.slice(0, 10), offer.days) : undefined;
  return (
    <div class="offer">
      <hgroup id="cf-offer">
        <h3>{t.text(offer.title, 'trial.title')}</h3>
        <p>{t.text(offer.body, 'trial.body')}</p>
      </hgroup>
      <p class="highlight">
        {t.t('trial.days', { days: offer.days })}
        {endsOn && <span class="block">{t.t('trial.endsOn', { date: t.date(endsOn, 'long') })}</span>}
      </p>
      {footer({ label: t.text(offer.acceptLabel, 'trial.accept') })}
    </div>
  );
}
