import {
  createTranslator,
  discountTitle,
  en,
  type FlowConfig,
  type MessageKey,
  type Offer,
  type OfferType,
  resolveText,
} from '@cancelflow/core';
import type { AppDeps } from '../deps.ts';
import { currentFlow } from '../flows/current.ts';
import type { InsightFilters } from './filters.ts';

/** Display names for the ids insights report, in English, from the flows of the sites the filters select. */
export interface DisplayNames {
  readonly reasons: ReadonlyMap<string, string>;
  readonly offers: ReadonlyMap<string, string>;
  /** Each offer's type, for an offer no subscriber took: the rollup of shown offers has no type. */
  readonly offerTypes: ReadonlyMap<string, OfferType>;
}

const translator = createTranslator({ locale: 'en', catalog: en });
const TITLE: Record<Exclude<OfferType, 'discount'>, MessageKey> = {
  pause: 'pause.title',
  plan_change: 'planChange.title',
  trial_extension: 'trial.title',
  contact: 'contact.title',
  redirect: 'redirect.title',
  custom: 'custom.title',
};

/** The offer card's heading as a subscriber in English sees it: the flow's own title, else the built-in one. */
export function offerName(offer: Offer, flow: FlowConfig): string {
  const own = 'title' in offer && offer.title ? resolveText(offer.title, 'en', flow.defaultLocale) : undefined;
  if (own) return own;
  return offer.type === 'discount' ? discountTitle(translator, offer) : translator.t(TITLE[offer.type]);
}

/**
 * Reason labels and offer names. With `siteId` only that site's flows count; otherwise every site's,
 * the first one naming an id wins (the same id in two flows usually means the same thing). A site's
 * running flow (its newest published version) comes before its sites file's, which still names the
 * ids of sessions that ran it.
 */
export async function displayNames(deps: Pick<AppDeps, 'db' | 'sites'>, f: InsightFilters): Promise<DisplayNames> {
  const reasons = new Map<string, string>();
  const offers = new Map<string, string>();
  const offerTypes = new Map<string, OfferType>();
  const flows: FlowConfig[] = [];
  for (const site of deps.sites.sites) {
    if (f.siteId && site.id !== f.siteId) continue;
    flows.push(await currentFlow(deps.db, site), site.flow);
  }
  for (const flow of flows) {
    if (f.flowId && flow.id !== f.flowId) continue;
    for (const step of flow.steps) {
      if (step.type !== 'survey') continue;
      for (const reason of step.reasons) {
        const label = resolveText(reason.label, 'en', flow.defaultLocale);
        if (label && !reasons.has(reason.id)) reasons.set(reason.id, label);
      }
    }
    for (const [id, offer] of Object.entries(flow.offers ?? {})) {
      if (!offers.has(id)) offers.set(id, offerName(offer, flow));
      if (!offerTypes.has(id)) offerTypes.set(id, offer.type);
    }
  }
  return { reasons, offers, offerTypes };
}
