import type { LocalePreferences } from '@cancelflow/core';
import { negotiateLocale, type SessionStart, utcDay, weekStart } from '@cancelflow/core';
import { newId, sessionKeyFor, sha256Hex } from '../crypto.ts';
import type { AppDeps } from '../deps.ts';
import { currentFlow } from '../flows/current.ts';
import { withBillingFacts } from './billing-facts.ts';
import { offerHistory } from './history.ts';
import { resolveForSubscriber } from './resolve.ts';
import type { VerifiedToken } from './token.ts';

/**
 * Starts a session for a verified subscriber: resolves the site's flow for them (targeting,
 * experiment, profiles, cooldowns from their stored history) and stores that resolution, which every
 * later re-check of this session reads.
 */
export async function createSession(
  deps: AppDeps,
  { site, claims: signed }: VerifiedToken,
  locale: LocalePreferences,
): Promise<SessionStart> {
  const now = deps.now();
  const claims = await withBillingFacts(deps, site, signed, now);
  const config = await currentFlow(deps.db, site, deps.log);
  const history = await offerHistory(deps.db, site.id, claims.sub, config, now);
  const flow = resolveForSubscriber({ config, subscriber: claims, history, now });
  const available = config.locales ?? [config.defaultLocale];
  const negotiated = negotiateLocale(available, { ...locale, token: claims.locale }, config.defaultLocale);
  const sessionId = `ses_${newId()}`;
  const sessionKey = sessionKeyFor(site.secret, sessionId);
  await deps.db
    .insertInto('sessions')
    .values({
      id: sessionId,
      site_id: site.id,
      flow_id: config.id,
      flow_version: config.version,
      subscriber_id: claims.sub,
      subscription_id: claims.sid ?? null,
      plan: claims.plan ?? null,
      mrr: claims.mrr ?? null,
      currency: claims.currency ?? null,
      locale: negotiated,
      experiment_id: flow.experiment?.id ?? null,
      variant: flow.experiment?.variant ?? null,
      holdout: flow.experiment?.holdout ? 1 : 0,
      claims_json: JSON.stringify(claims),
      flow_json: JSON.stringify(flow),
      key_hash: sha256Hex(sessionKey),
      status: 'open',
      reason_id: null,
      offer_id: null,
      created_at: now.toISOString(),
      created_day: utcDay(now),
      created_week: weekStart(now),
      ended_at: null,
    })
    .execute();
  return { sessionId, sessionKey, flow, subscriber: claims, locale: negotiated };
}
