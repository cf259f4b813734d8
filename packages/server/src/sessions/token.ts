import type { SubscriberClaims as Claims } from '@cancelflow/core';
import { SubscriberClaims } from '@cancelflow/core/schema';
import { decodeJwt, errors, jwtVerify } from 'jose';
import type { SiteConfig, SiteRegistry } from '../config/sites.ts';
import { describeIssues, MAX_JSON_DEPTH, nestsDeeperThan, PARSE_OPTIONS } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { badTextAt } from '../http/text.ts';

/** Tolerated clock skew between the site's server (which sets `exp`) and this one. */
const CLOCK_TOLERANCE_SECONDS = 30;
/**
 * The longest a token may live: from `iat` to `exp`, and from now to `exp`. The docs and the CLI sign
 * for an hour (tokens are minted per page view); without a bound, a token signed with `exp` a year
 * away, once leaked (a log, a cached page, a browser extension), opened sessions for that subscriber
 * for a year.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
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
  assertShortLived(payload, now);
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

/** `seconds` as the developer reads it in the refusal: hours, or days past two of them. */
function span(seconds: number): string {
  const hours = seconds / 3600;
  return hours > 48 ? `${Math.round(hours / 24)} days` : `${Math.round(hours * 10) / 10} hours`;
}

/**
 * Refuses a validly signed token meant to live longer than MAX_TOKEN_LIFETIME_SECONDS: by its own
 * `iat`..`exp` when it has an `iat`, and by `exp` from now (the clock tolerance added) either way,
 * so that leaving `iat` out, or setting it late, does not stretch it. Named in the answer: a site
 * that signs such tokens learns what to change, not just that its tokens fail.
 */
function assertShortLived(payload: Record<string, unknown>, now: Date): void {
  const exp = payload.exp as number; // required and a number: jwtVerify checked it
  const limit = `tokens may live at most ${MAX_TOKEN_LIFETIME_SECONDS / 3600} hours (sign them for minutes, when the page is rendered)`;
  if (typeof payload.iat === 'number' && exp - payload.iat > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new HttpError('unauthorized', `the token's "exp" is ${span(exp - payload.iat)} after its "iat": ${limit}`);
  }
  const ahead = exp - now.getTime() / 1000;
  if (ahead > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
    throw new HttpError('unauthorized', `the token's "exp" is ${span(ahead)} from now: ${limit}`);
  }
}
