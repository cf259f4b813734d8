import type { LocalePreferences, ResolvedFlow, SessionStart, SubscriberClaims } from '@cancelflow/core';
import type { SiteConfig } from '../config/sites.ts';
import { keyMatches, newId, sessionKeyFor, sha256Hex } from '../crypto.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { prepareSession } from './prepare.ts';
import { startedSessionRow } from './row.ts';
import type { VerifiedToken } from './token.ts';

export interface CreatedSession {
  /** 201 for a session stored now; 200 for the proposed id's session, stored by an earlier request. */
  readonly status: 200 | 201;
  readonly body: SessionStart;
}

/**
 * Starts a session for a verified subscriber and stores its resolution, which every later re-check of
 * this session reads. The id is the one the client proposed, else a new one. A proposed id that is
 * already this subscriber's session on this site answers that session as stored — so the widget's
 * start can be retried and can race itself, and leaves one row; anyone else's is 409 `session_exists`.
 */
export async function createSession(
  deps: AppDeps,
  verified: VerifiedToken,
  locale: LocalePreferences,
  proposedId?: string,
): Promise<CreatedSession> {
  const { site } = verified;
  const prepared = await prepareSession(deps, verified, locale);
  const sessionId = proposedId ?? `ses_${newId()}`;
  const sessionKey = sessionKeyFor(site.secret, sessionId);
  const row = startedSessionRow({
    id: sessionId,
    siteId: site.id,
    config: prepared.config,
    claims: prepared.subscriber,
    flow: prepared.flow,
    locale: prepared.locale,
    keyHash: sha256Hex(sessionKey),
    startedAt: prepared.at,
  });
  // Inserted only if absent, then read: two requests for one id at once store one row, never two.
  const inserted = await deps.db
    .insertInto('sessions')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) {
    const { flow, subscriber, locale: negotiated } = prepared;
    const now = prepared.at.toISOString();
    return { status: 201, body: { sessionId, sessionKey, flow, subscriber, locale: negotiated, now } };
  }
  return { status: 200, body: await storedStart(deps, site, prepared.subscriber, sessionId) };
}

/**
 * The answer a session gave when it started, read back from its row for the same subscriber and
 * subscription only: a token the site signed for one of a subscriber's subscriptions (`sid`) must not
 * hand out the key of a session, and so the cancel, of another.
 */
async function storedStart(
  deps: AppDeps,
  site: SiteConfig,
  { sub, sid }: Pick<SubscriberClaims, 'sub' | 'sid'>,
  sessionId: string,
) {
  const row = await deps.db
    .selectFrom('sessions')
    .select(['site_id', 'subscriber_id', 'subscription_id', 'key_hash', 'flow_json', 'claims_json', 'locale'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  const sessionKey = sessionKeyFor(site.secret, sessionId);
  // A key that no longer matches (the site's secret was rotated since) could not authenticate anything.
  if (
    !row ||
    row.site_id !== site.id ||
    row.subscriber_id !== sub ||
    row.subscription_id !== (sid ?? null) ||
    !keyMatches(sessionKey, row.key_hash)
  ) {
    throw new HttpError('session_exists', 'the proposed session id is taken; propose another');
  }
  return {
    sessionId,
    sessionKey,
    flow: JSON.parse(row.flow_json) as ResolvedFlow,
    subscriber: JSON.parse(row.claims_json) as SubscriberClaims,
    locale: row.locale,
    now: deps.now().toISOString(),
  } satisfies SessionStart;
}
