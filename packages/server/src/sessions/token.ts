import type { SubscriberClaims as Claims } from '@cancelflow/core';
import { SubscriberClaims } from '@cancelflow/core/schema';
import { decodeJwt, errors, jwtVerify } from 'jose';
import type { SiteConfig, SiteRegistry } from '../config/sites.ts';
import { describeIssues, MAX_JSON_DEPTH, nestsDeeperThan, PARSE_OPTIONS } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { badTextAt } from '../http/text.ts';

/** Tolerated clock skew between the site's server (which sets `exp`) and this one. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** What an `aud` claim may name besides the site's id. */
const AUDIENCE = 'cancelflow';

export interface VerifiedToken {
  readonly site: SiteConfig;
  readonly claims: Claims;
}

/**
 * Verifies a subscriber token: HS256 only (no `none`, no RSA/HMAC confusion), `exp` required, the
 * secret of the site named by `iss` (or a `site` claim). Everything the server later decides about
 * this subscriber comes from the claims returned here, never from the browser's requests.
 */
export async function verifySubscriberToken(token: string, sites: SiteRegistry, now: Date): Promise<VerifiedToken> {
  let unverified: Record<string, unknown>;
  try {
    unverified = decodeJwt(token);
  } catch {
    throw new HttpError('unauthorized', 'the token is not a JWT');
  }
  const siteId = typeof unverified.iss === 'string' ? unverified.iss : unverified.site;
  if (typeof siteId !== 'string')
    throw new HttpError('unauthorized', 'the token names no site (set `iss` to the site id)');
  const site = sites.get(siteId);
  // Named back (the token's own claim, cut short) so that a typo in `iss` shows where it is.
  if (!site)
    throw new HttpError(
      'unauthorized',
      `the token names site ${JSON.stringify(siteId.slice(0, 64))}, which is not in the server's sites file`,
    );

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(site.secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new HttpError('unauthorized', 'the token has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw new HttpError('unauthorized', `the token's "${error.claim}" claim is invalid or missing`);
    }
    if (error instanceof errors.JOSEAlgNotAllowed)
      throw new HttpError('unauthorized', 'the token must be signed with HS256');
    throw new HttpError('unauthorized', 'the token signature is invalid');
  }
  // RFC 7519: a token meant for someone else (an `aud` that does not name this site or cancelflow)
  // is refused, so a secret shared with another service cannot replay that service's tokens here.
  if (payload.aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.some((aud) => aud === site.id || aud === AUDIENCE)) {
      throw new HttpError('unauthorized', `the token's audience (aud) names neither this site nor "${AUDIENCE}"`);
    }
  }
  // Signed, so the site's doing, but a token of 8 KB can nest 4,000 levels: walking that (badTextAt
  // below) overflowed the stack, a 500 that did not say which claim was wrong.
  if (nestsDeeperThan(payload, MAX_JSON_DEPTH)) {
    throw new HttpError('unprocessable', `the token's claims nest deeper than ${MAX_JSON_DEPTH} levels`);
  }
  const bad = badTextAt(payload);
  if (bad !== undefined)
    throw new HttpError('unprocessable', `the token's "${bad.path}" claim contains ${bad.problem}`);
  const parsed = SubscriberClaims.safeParse(payload, PARSE_OPTIONS);
  if (!parsed.success) {
    throw new HttpError(
      'unprocessable',
      `the token's claims are invalid: ${describeIssues(parsed.error.issues, 'the claims')}`,
    );
  }
  return { site, claims: parsed.data };
}
