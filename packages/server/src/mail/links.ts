import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SiteConfig } from '../config/sites.ts';

/** What a link in a message may do, signed into it: nobody can make one for another session or address. */
export type LinkClaims =
  | {
      readonly a: 'undo';
      readonly site: string;
      readonly session: string;
      readonly locale: string;
      readonly exp: number;
    }
  | {
      readonly a: 'reactivate';
      readonly site: string;
      readonly session: string;
      /** The win-back step (from 1) whose offer applies. */
      readonly step: number;
      readonly locale: string;
      readonly exp: number;
    }
  /** `h`: the address's hash (see `addressHash`), so the link does not spell out the address. */
  | { readonly a: 'unsubscribe'; readonly site: string; readonly h: string; readonly locale: string };

/** The key links are signed with: derived from the site's secret, so it differs from the token key. */
const linkKey = (site: SiteConfig) => createHmac('sha256', site.secret).update('cancelflow mail links v1').digest();

const mac = (site: SiteConfig, payload: string) => createHmac('sha256', linkKey(site)).update(payload).digest();

/** `<base64url JSON>.<base64url HMAC>`; the site id is in the clear so the key can be found. */
export function signLink(site: SiteConfig, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(site, payload).toString('base64url')}`;
}

/** The claims of a link token, if it is well formed, signed by its site and not expired; else undefined. */
export function verifyLink(
  token: string,
  siteById: (id: string) => SiteConfig | undefined,
  now: Date,
): LinkClaims | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkClaims;
  } catch {
    return undefined;
  }
  const site = typeof claims?.site === 'string' ? siteById(claims.site) : undefined;
  if (!site) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(site, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (claims.a !== 'unsubscribe' && !(typeof claims.exp === 'number' && now.getTime() < claims.exp)) return undefined;
  return claims;
}

/** Suppressions are stored as this hash, not as the address. */
export const addressHash = (address: string) => createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
