import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import type { SiteConfig } from '../config/sites.ts';
import { HttpError } from './errors.ts';

/**
 * The client's IP: the socket's, or behind a trusted proxy the last `X-Forwarded-For` hop, the one
 * that proxy added. Earlier hops are whatever the client sent (nginx's `$proxy_add_x_forwarded_for`
 * and cloud load balancers append to the header they got), so taking the first let anyone pick a new
 * address per request and step around the per-IP rate limit.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `https:` or `http:`: the socket's, or `X-Forwarded-Proto` behind a trusted proxy. */
export function scheme(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  if (forwarded === 'https' || forwarded === 'http') return `${forwarded}:`;
  return new URL(c.req.url).protocol;
}

/**
 * This request's origin as its client addressed it: the Host it named, and the scheme of the socket
 * or, behind a trusted proxy, of `X-Forwarded-Proto`. A TLS proxy talks plain HTTP to the server, so
 * the socket's scheme alone named an `http://` address the subscriber never used.
 */
export function requestOrigin(c: Context, trustProxy: boolean): string {
  return `${scheme(c, trustProxy)}//${new URL(c.req.url).host}`;
}

/**
 * What the per-IP limits count a client by: its IPv4 address, or its IPv6 address's /64. A home or
 * server line is given a whole /64, so counting each IPv6 address let one client take a new address
 * per request (2^64 of them) and step around every per-IP limit, the admin key's wrong guesses
 * included. An IPv4 client that a dual-stack socket shows as `::ffff:a.b.c.d` counts as `a.b.c.d`.
 */
export function clientKey(c: Context, trustProxy: boolean): string {
  return addressKey(clientIp(c, trustProxy));
}

export function addressKey(ip: string): string {
  const address = ip
    // Some proxies write the client's port into X-Forwarded-For too (Azure Application Gateway:
    // `203.0.113.7:51234`, `[2001:db8::1]:51234`): with it, each new connection was a new client.
    .replace(/^\[([^\]]*)\](?::\d+)?$/, '$1')
    .replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1')
    .replace(/%.*$/, ''); // a zone (`fe80::1%eth0`) names the interface, not the client
  if (!ipaddr.isValid(address)) return ip;
  const parsed = ipaddr.process(address); // `::ffff:a.b.c.d` becomes `a.b.c.d`
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * Browsers send `Origin` on every cross-origin request, so a page of another site cannot act for a
 * subscriber of this one. Requests without `Origin` come from servers and tools, which CORS does not
 * concern; they still need the token or session key.
 */
export function assertOriginAllowed(c: Context, site: SiteConfig): void {
  const origin = c.req.header('origin');
  if (origin !== undefined && !site.origins.includes(origin)) {
    throw new HttpError('forbidden', `origin ${origin} is not allowed for this site`);
  }
}
