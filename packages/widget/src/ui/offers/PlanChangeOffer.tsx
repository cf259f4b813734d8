/** @jsxImportSource #vdom */
import { useState } from '../vdom/hooks.ts';
import type { OfferViewProps } from './types.ts';

/** The plans on offer as a radio group of cards; accepting switches to the chosen one. */
export function PlanChangeOffer({ offer, footer, ui }: OfferViewProps<'plan_change'>) {
  const { t } = ui;
  const [planId, setPlanId] = useState(offer.plans[0]?.id);
  const chosen = offer.plans.find((p) => p.id === planId) ?? offer.plans[0];
  return (
    <div class="offer">
      <hgroup id="cf-offer">
        <h3>{t.text(offer.title, 'planChange.title')}</h3>
        <p>{t.text(offer.body, 'planChange.body')}</p>
      </hgroup>
      <fieldset class="options">
        <legend class="sr-only">{t.t('planChange.chooserLabel')}</legend>
        {offer.plans.map((plan) => (
          <label class="option plan" key={plan.id}>
            <input type="radio" name="cf-plan" checked={plan.id === chosen?.id} onChange={() => setPlanId(plan.id)} />
            <span>
              <strong>{t.text(plan.name)}</strong>
              <span class="muted">
                {' '}
                {t.t(plan.interval === 'year' ? 'planChange.perYear' : 'planChange.perMonth', {
                  price: t.money(plan.price.amount, plan.price.currency),
                })}
              </span>
              {plan.description && <span class="block muted">{t.text(plan.description)}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {footer({
        label: t.text(offer.acceptLabel, 'planChange.accept', { plan: chosen ? t.text(chosen.name) : '' }),
        ...(chosen && { choice: { planId: chosen.id } }),
      })}
    </div>
  );
}
