import type { FlowConfig } from '@cancelflow/core';

/**
 * The Stripe price a flow plan id stands for: the sites file's `prices` map, else the id itself when the
 * flow names Stripe prices directly (`price_…`). Undefined when neither: the plan cannot be billed.
 */
export function stripePriceFor(planId: string, prices: Readonly<Record<string, string>>): string | undefined {
  return prices[planId] ?? (planId.startsWith('price_') ? planId : undefined);
}

/** The flow plan id a Stripe price stands for (the reverse of `stripePriceFor`), else the price id. */
export function planForPrice(priceId: string, prices: Readonly<Record<string, string>>): string {
  return Object.entries(prices).find(([, price]) => price === priceId)?.[0] ?? priceId;
}

/** Plan ids of the flow's `plan_change` offers that have no Stripe price: checked when the sites file loads. */
export function stripeUnpricedPlans(flow: FlowConfig, prices: Readonly<Record<string, string>>): string[] {
  const plans = Object.values(flow.offers).flatMap((offer) => (offer.type === 'plan_change' ? offer.plans : []));
  return [...new Set(plans.map((p) => p.id).filter((id) => stripePriceFor(id, prices) === undefined))];
}
