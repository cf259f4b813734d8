import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
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
