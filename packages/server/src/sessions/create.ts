import type { LocalePreferences } from '@cancelflow/core';
import { negotiateLocale, type SessionStart } from '@cancelflow/core';
import { newId, sessionKeyFor, sha256Hex } from '../crypto.ts';
import type { AppDeps } from '../deps.ts';
import { currentFlow } from '../flows/current.ts';
import { withBillingFacts } from './billing-facts.ts';
import { offerHistory } from './history.ts';
import { resolveForSubscriber } from './resolve.ts';
import { startedSessionRow } from './row.ts';
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
  const row = startedSessionRow({
    id: sessionId,
    siteId: site.id,
    config,
    claims,
    flow,
    locale: negotiated,
    keyHash: sha256Hex(sessionKey),
    startedAt: now,
  });
  await deps.db.insertInto('sessions').values(row).execute();
  return { sessionId, sessionKey, flow, subscriber: claims, locale: negotiated };
}
