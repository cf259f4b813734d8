// The server's secrets, ids and hashes (node:crypto), for every module that mints or checks one.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A 128-bit random secret, base64url. */
export function newSecret(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * A session's key: 128 bits of HMAC-SHA256 under the site's secret over the (random) session id. The
 * database keeps only its SHA-256, so a replayed `POST /v1/sessions` can answer the same key again
 * without the key ever being stored; deriving it needs the site's secret, which never leaves the
 * sites file (and which can mint any subscriber's token anyway).
 */
export function sessionKeyFor(siteSecret: string, sessionId: string): string {
  return createHmac('sha256', siteSecret)
    .update(`cancelflow session key\0${sessionId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function newId(): string {
  return randomUUID();
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares a presented session key with the stored hash in constant time. */
export function keyMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time string comparison for bearer secrets (the admin key). */
export function secretMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
