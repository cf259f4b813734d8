/** @jsxImportSource #vdom */
import { addPeriod, utcDay } from '@cancelflow/core';
import { useState } from '../vdom/hooks.ts';
import type { OfferViewProps } from './types.ts';

/** A pause of 1 to `max` months or weeks, with the day billing resumes for the current choice. */
export function PauseOffer({ offer, footer, ui }: OfferViewProps<'pause'>) {
  const { t, now } = ui;
  const unit = offer.unit ?? 'month';
  const [count, setCount] = useState(1);
  const options = Array.from({ length: offer.max }, (_, i) => i + 1);
  return (
    <div class="offer">
      <hgroup id="cf-offer">
        <h3>{t.text(offer.title, 'pause.title')}</h3>
        <p>{t.text(offer.body, 'pause.body')}</p>
      </hgroup>
      <fieldset class="options inline">
        <legend>{t.t('pause.chooserLabel')}</legend>
        {options.map((n) => (
          <label class="option" key={n}>
            <input type="radio" name="cf-pause" checked={n === count} onChange={() => setCount(n)} />
            <span>{t.t(unit === 'month' ? 'pause.months' : 'pause.weeks', { count: n })}</span>
          </label>
        ))}
      </fieldset>
      <p class="highlight">{t.t('pause.resumesOn', { date: t.date(addPeriod(utcDay(now()), count, unit), 'long') })}</p>
      {footer({
        label: t.text(offer.acceptLabel, 'pause.accept'),
        choice: unit === 'month' ? { months: count } : { weeks: count },
      })}
    </div>
  );
}
