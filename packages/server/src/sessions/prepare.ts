import type { FlowConfig, LocalePreferences, SessionPreview } from '@cancelflow/core';
import { negotiateLocale } from '@cancelflow/core';
import type { AppDeps } from '../deps.ts';
import { currentFlow } from '../flows/current.ts';
import { withBillingFacts } from './billing-facts.ts';
import { offerHistory } from './history.ts';
import { resolveForSubscriber } from './resolve.ts';
import type { VerifiedToken } from './token.ts';

/** What a session for this subscriber resolves to now, before (or without) storing one. */
export interface PreparedSession extends Omit<SessionPreview, 'now'> {
  /** The flow config it was resolved from: a stored session records its id and version. */
  readonly config: FlowConfig;
  /** When it was resolved (the answer's `now`). */
  readonly at: Date;
}

/**
 * Resolves the site's current flow for a verified subscriber: claims completed by billing, targeting,
 * experiment, profiles, cooldowns from their stored history, and the negotiated locale. Reads only:
 * a session start stores the result, a preview answers it and stores nothing.
 */
export async function prepareSession(
  deps: AppDeps,
  { site, claims: signed }: VerifiedToken,
  locale: LocalePreferences,
): Promise<PreparedSession> {
  const now = deps.now();
  const claims = await withBillingFacts(deps, site, signed, now);
  const config = await currentFlow(deps.db, site, deps.log);
  const history = await offerHistory(deps.db, site.id, claims.sub, config, now);
  const flow = resolveForSubscriber({ config, subscriber: claims, history, now });
  const available = config.locales ?? [config.defaultLocale];
  const negotiated = negotiateLocale(available, { ...locale, token: claims.locale }, config.defaultLocale);
  return { config, at: now, flow, subscriber: claims, locale: negotiated };
}
