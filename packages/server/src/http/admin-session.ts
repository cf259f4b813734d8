import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secretMatches } from '../crypto.ts';
import type { AppDeps } from '../deps.ts';
import {
  ADMIN_COOKIE,
  ADMIN_SESSION_SECONDS,
  type AdminCookie,
  signAdminCookie,
  verifyAdminCookie,
} from './admin-cookie.ts';
import { readJson } from './body.ts';
import { HttpError } from './errors.ts';

/** `https:` or `http:`: the socket's, or `X-Forwarded-Proto` behind a trusted proxy. */
function scheme(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  if (forwarded === 'https' || forwarded === 'http') return `${forwarded}:`;
  return new URL(c.req.url).protocol;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The dashboard's signed-in sessions: the cookie (admin-cookie.ts) proves them, so nothing is stored
 * per sign-in; signing out revokes that cookie in this process until it would have expired anyway.
 */
export class AdminSessions {
  private readonly revoked = new Map<string, number>();
  constructor(private readonly deps: Pick<AppDeps, 'adminKey' | 'now' | 'trustProxy' | 'publicUrl'>) {}

  /** The request's valid cookie: signed with the admin key, not expired, not signed out. */
  fromRequest(c: Context): AdminCookie | undefined {
    const value = getCookie(c, ADMIN_COOKIE);
    if (!value || !this.deps.adminKey) return undefined;
    const cookie = verifyAdminCookie(this.deps.adminKey, value, this.deps.now());
    return cookie && !this.revoked.has(cookie.nonce) ? cookie : undefined;
  }

  revoke(cookie: AdminCookie): void {
    const now = this.deps.now().getTime();
    for (const [nonce, until] of this.revoked) if (until <= now) this.revoked.delete(nonce);
    this.revoked.set(cookie.nonce, cookie.expiresAt.getTime());
  }

  /** The origin the dashboard is served from: `publicUrl`'s, else this request's own. */
  ownOrigin(c: Context): string {
    if (this.deps.publicUrl) return new URL(this.deps.publicUrl).origin;
    return `${scheme(c, this.deps.trustProxy)}//${new URL(c.req.url).host}`;
  }

  /**
   * CSRF defence for what a browser sends with the cookie: besides SameSite=Strict, a state-changing
   * request must carry `Origin`, and it must be the server's own. Browsers send `Origin` on every
   * POST and DELETE, same-origin ones included; a page elsewhere cannot forge it.
   */
  assertSameOrigin(c: Context): void {
    if (!UNSAFE.has(c.req.method.toUpperCase())) return;
    const origin = c.req.header('origin');
    const own = this.ownOrigin(c);
    if (origin !== own) {
      throw new HttpError(
        'forbidden',
        origin ? `origin ${origin} may not change admin state (only ${own})` : 'a signed-in request needs Origin',
      );
    }
  }

  isHttps(c: Context): boolean {
    return scheme(c, this.deps.trustProxy) === 'https:';
  }
}

/**
 * `POST /v1/admin/session` `{ key }` exchanges the admin key for the dashboard's cookie (HttpOnly,
 * SameSite=Strict, Path=/, Secure over https); `DELETE /v1/admin/session` signs out. Registered on the
 * app before the admin check, since signing in is how one gets past it.
 */
export function adminSessionRoutes(app: Hono, deps: AppDeps, sessions: AdminSessions): void {
  app.post('/v1/admin/session', async (c) => {
    if (c.req.header('origin') === undefined) throw new HttpError('forbidden', 'signing in needs Origin');
    sessions.assertSameOrigin(c); // no signing in from another site's form (login CSRF)
    if (!deps.adminKey) throw new HttpError('unauthorized', 'the admin API is disabled: set CANCELFLOW_ADMIN_KEY');
    const body = await readJson(c);
    const key = typeof body === 'object' && body !== null ? (body as { key?: unknown }).key : undefined;
    if (typeof key !== 'string' || key === '' || !secretMatches(key, deps.adminKey)) {
      throw new HttpError('unauthorized', 'wrong admin key');
    }
    const { value, expiresAt } = signAdminCookie(deps.adminKey, deps.now());
    setCookie(c, ADMIN_COOKIE, value, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: sessions.isHttps(c),
      path: '/',
      maxAge: ADMIN_SESSION_SECONDS,
    });
    c.header('cache-control', 'no-store');
    return c.json({ signedIn: true, expiresAt: expiresAt.toISOString() });
  });

  app.delete('/v1/admin/session', (c) => {
    sessions.assertSameOrigin(c);
    const cookie = sessions.fromRequest(c);
    if (cookie) sessions.revoke(cookie);
    deleteCookie(c, ADMIN_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: sessions.isHttps(c) });
    c.header('cache-control', 'no-store');
    return c.json({ signedIn: false });
  });
}

/** `GET /v1/admin/session` (behind the admin check): signed in, and until when when by cookie. */
export function adminSessionStatus(admin: Hono, sessions: AdminSessions): void {
  admin.get('/session', (c) => {
    const cookie = sessions.fromRequest(c);
    c.header('cache-control', 'no-store');
    return c.json({ signedIn: true, ...(cookie ? { expiresAt: cookie.expiresAt.toISOString() } : {}) });
  });
}
