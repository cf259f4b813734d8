import type { Offer } from '../config/index.ts';
import type { OfferChoice } from '../events.ts';

export type ChoiceCheck =
  | { readonly ok: true; readonly choice?: OfferChoice }
  | { readonly ok: false; readonly problem: string };

function isWhole(n: number | undefined, max: number): boolean {
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= max;
}

/**
 * Checks what the subscriber chose inside an offer (and fills in the only possible choice), for the
 * engine before it calls the backend and for the server before it applies the offer.
 */
export function checkOfferChoice(offer: Offer, choice: OfferChoice | undefined): ChoiceCheck {
  const { months, weeks, planId } = choice ?? {};
  switch (offer.type) {
    case 'pause': {
      const unit = offer.unit ?? 'month';
      const count = unit === 'month' ? months : weeks;
      const other = unit === 'month' ? weeks : months;
      if (other !== undefined || !isWhole(count, offer.max)) {
        return { ok: false, problem: `choose a pause of 1 to ${offer.max} ${unit}s` };
      }
      return { ok: true, choice: unit === 'month' ? { months: count } : { weeks: count } };
    }
    case 'plan_change': {
      const only = offer.plans.length === 1 ? offer.plans[0]?.id : undefined;
      const id = planId ?? only;
      if (months !== undefined || weeks !== undefined || !offer.plans.some((p) => p.id === id)) {
        return { ok: false, problem: `choose one of the plans: ${offer.plans.map((p) => p.id).join(', ')}` };
      }
      return { ok: true, choice: { planId: id } };
    }
    case 'custom':
      // Its renderer and billing plugin define what a choice means.
      return { ok: true, choice };
    case 'contact':
      // Writing to support or booking a call is not deciding to stay: the subscriber may still cancel
      // after it, so following its links takes nothing (and no save is counted, no "saved" outcome).
      return { ok: false, problem: 'a contact offer is not taken: following its links is the contact' };
    case 'discount':
    case 'trial_extension':
    case 'redirect':
      if (months !== undefined || weeks !== undefined || planId !== undefined) {
        return { ok: false, problem: `a ${offer.type} offer takes no choice` };
      }
      return { ok: true };
  }
}
