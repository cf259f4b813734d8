import type { Kysely } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import type { Database } from '../db/tables.ts';
import type { Logger } from '../http/log.ts';
import { demoBilling } from './demo.ts';
import { stripeBilling } from './stripe/plugin.ts';
import type { BillingPlugin } from './types.ts';
import { webhookBilling } from './webhook.ts';

/** One plugin per site, built once from its `billing` config. */
export function billingRegistry(
  db: Kysely<Database>,
  sites: readonly SiteConfig[],
  log?: Logger,
): (site: SiteConfig) => BillingPlugin {
  const demo = demoBilling(db);
  const pluginFor = ({ billing, flow }: SiteConfig): BillingPlugin =>
    billing.type === 'webhook'
      ? webhookBilling(billing)
      : billing.type === 'stripe'
        ? stripeBilling(billing, flow.policy, { log })
        : demo;
  const bySite = new Map(sites.map((s) => [s.id, pluginFor(s)]));
  return (site) => bySite.get(site.id) ?? demo;
}
