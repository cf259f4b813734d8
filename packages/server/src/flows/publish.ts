import type { FlowConfig } from '@cancelflow/core';
import { type Problem, validateFlowSource } from '@cancelflow/core/validate';
import { stripeUnpricedPlans } from '../billing/stripe/prices.ts';
import type { SiteConfig } from '../config/sites.ts';

export type PublishCheck =
  | { readonly ok: true; readonly config: FlowConfig; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * What `cancelflow validate` checks (core's validator: syntax, shape, meaning, compliance), plus what
 * the server checks of a sites file's flow at start-up: with Stripe billing, a price for every plan.
 */
export function checkForPublish(site: SiteConfig, source: string): PublishCheck {
  const result = validateFlowSource(source);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.config || errors.length > 0) return { ok: false, problems: errors };
  if (site.billing.type === 'stripe') {
    const unpriced = stripeUnpricedPlans(result.config, site.billing.prices);
    if (unpriced.length > 0) {
      const problem: Problem = {
        path: 'offers',
        message: `has plans with no Stripe price in the sites file's billing.prices: ${unpriced.join(', ')}`,
        line: 1,
        column: 1,
        severity: 'error',
      };
      return { ok: false, problems: [problem] };
    }
  }
  return { ok: true, config: result.config, warnings: result.problems.filter((p) => p.severity === 'warning') };
}
