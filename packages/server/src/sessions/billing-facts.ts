import { isoDay, type SubscriberClaims } from '@cancelflow/core';
import type { SubscriptionFacts } from '../billing/types.ts';
import type { SiteConfig } from '../config/sites.ts';
import { withinMs } from '../deadline.ts';
import type { AppDeps } from '../deps.ts';

/**
 * The signed claims, completed by the billing plugin's `lookup` where the token says nothing about
 * the paid period or the last payment, so the terms shown and recorded are this subscriber's (see
 * BillingPlugin.lookup). The token's own claims win; the plugin's answer is checked like a claim.
 */
export async function withBillingFacts(
  deps: AppDeps,
  site: SiteConfig,
  claims: SubscriberClaims,
  now: Date,
): Promise<SubscriberClaims> {
  const completed = await lookedUp(deps, site, claims, now);
  if (site.flow.policy.effective === 'period_end' && completed.periodEnd === undefined && !warned.has(site.id)) {
    warned.add(site.id);
    deps.log({
      level: 'warn',
      msg: 'the flow ends access at the period end, but neither the token (periodEnd) nor the billing plugin (lookup) says when that is: the confirm step and receipts can only say "until the end of the current billing period"',
      site: site.id,
    });
  }
  return completed;
}

/** Sites already warned about a missing period end: once per site and process, not per session. */
const warned = new Set<string>();

/**
 * How long a session's start waits for the billing plugin's `lookup`. The widget gives its whole first
 * screen 4 s by default (the UI, this session and the strings); a plugin that takes longer would have
 * the widget fail open with only "did not start", so the session starts without its facts instead.
 */
export const LOOKUP_WAIT_MS = 2000;

async function lookedUp(
  deps: AppDeps,
  site: SiteConfig,
  claims: SubscriberClaims,
  now: Date,
): Promise<SubscriberClaims> {
  const billing = deps.billingFor(site);
  const complete =
    claims.periodEnd !== undefined && claims.lastPaymentOn !== undefined && claims.lastPaymentAmount !== undefined;
  if (!billing.lookup || complete) return claims;
  let facts: SubscriptionFacts;
  // Named by the site's `billing.type`, so the operator knows which plugin held the session up.
  const plugin = site.billing.type;
  try {
    const wait = deps.lookupWaitMs ?? LOOKUP_WAIT_MS;
    facts = await withinMs(
      billing.lookup({ siteId: site.id, claims, now }),
      wait,
      () =>
        new Error(`the billing plugin "${plugin}" (lookup, as the session started) did not answer within ${wait} ms`),
    );
  } catch (error) {
    deps.log({
      level: 'warn',
      msg: `billing lookup failed; terms from the token only: ${error instanceof Error ? error.message : String(error)}`,
      site: site.id,
      billing: plugin,
      error: String(error),
    });
    return claims;
  }
  const periodEnd = typeof facts.periodEnd === 'string' ? isoDay(facts.periodEnd) : undefined;
  const lastPaymentOn = typeof facts.lastPaymentOn === 'string' ? isoDay(facts.lastPaymentOn) : undefined;
  const amount = facts.lastPaymentAmount;
  return {
    ...(periodEnd && { periodEnd }),
    ...(lastPaymentOn && { lastPaymentOn }),
    ...(typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 && { lastPaymentAmount: amount }),
    ...claims,
  };
}
