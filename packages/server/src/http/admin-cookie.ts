import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The dashboard's session cookie: `v1.<expires, Unix seconds>.<random nonce>.<HMAC-SHA256>`, signed
 * with a key derived from the admin key (never the admin key itself, which would then sign values a
 * browser holds). It holds no secret and needs no storage; changing the admin key signs everyone out.
 */
export const ADMIN_COOKIE = 'cancelflow_admin';
/** How long a sign-in lasts. */
export const ADMIN_SESSION_SECONDS = 8 * 60 * 60;

const signingKey = (adminKey: string): Buffer =>
  createHmac('sha256', adminKey).update('cancelflow admin session cookie v1').digest();

const mac = (adminKey: string, payload: string): Buffer =>
  createHmac('sha256', signingKey(adminKey)).update(payload).digest();

/** A new signed cookie value that expires `ADMIN_SESSION_SECONDS` after `now`. */
export function signAdminCookie(adminKey: string, now: Date): { value: string; expiresAt: Date } {
  const expires = Math.floor(now.getTime() / 1000) + ADMIN_SESSION_SECONDS;
  const payload = `v1.${expires}.${randomBytes(16).toString('base64url')}`;
  return { value: `${payload}.${mac(adminKey, payload).toString('base64url')}`, expiresAt: new Date(expires * 1000) };
}

export interface AdminCookie {
  readonly expiresAt: Date;
  /** Random per sign-in: what signing out revokes. */
  readonly nonce: string;
}

/** A cookie value signed with this admin key and not yet expired; otherwise undefined. */
export function verifyAdminCookie(adminKey: string, value: string, now: Date): AdminCookie | undefined {
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return undefined;
  const [, expires = '', nonce = '', signature = ''] = parts;
  if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{1,64}$/.test(nonce)) return undefined;
  const presented = Buffer.from(signature, 'base64url');
  const expected = mac(adminKey, `v1.${expires}.${nonce}`);
  // Both are 32 bytes when the signature is well formed; timingSafeEqual needs equal lengths.
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  const expiresAt = new Date(Number(expires) * 1000);
  return expiresAt.getTime() > now.getTime() ? { expiresAt, nonce } : undefined;
}
