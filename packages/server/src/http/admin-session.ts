import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../deps.ts';
import {
  ADMIN_COOKIE,
  ADMIN_SESSION_SECONDS,
  type AdminCookie,
  signAdminCookie,
  verifyAdminCookie,
} from './admin-cookie.ts';
import { readJson } from './body.ts';
import { requestOrigin, scheme } from './client.ts';
import { HttpError } from './errors.ts';
import type { AdminKeyGuesses } from './key-guesses.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Where the browser sends the cookie: the admin API only. The dashboard's page, its files and the
 * preview are public and never read it; with `Path=/` it also went with every widget request, receipt
 * page and mail link on the server's origin, for nothing (and into any log or proxy that keeps cookies).
 */
export const ADMIN_COOKIE_PATH = '/v1/admin';

/**
 * A cookie of an earlier version, set with `Path=/`: expired at each sign-in and sign-out, or a
 * browser would keep sending it next to the new one (the two share a name) until it ran out.
 */
function expireRootCookie(c: Context, secure: boolean): void {
  deleteCookie(c, ADMIN_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure });
}

/**
 * The dashboard's signed-in sessions: the cookie (admin-cookie.ts) proves them, so nothing is stored
 * per sign-in. Signing out writes the cookie's nonce to `admin_revocations` until the cookie would
 * have expired anyway, so every server process on the database refuses it from then on.
 */
export class AdminSessions {
  /** Nonces this process revoked (or saw revoked): answered without a query. */
  private readonly revoked = new Map<string, number>();
  constructor(private readonly deps: Pick<AppDeps, 'adminKey' | 'now' | 'trustProxy' | 'publicUrl' | 'db'>) {}

  /** The request's valid cookie: signed with the admin key, not expired, not signed out in any process. */
  async fromRequest(c: Context): Promise<AdminCookie | undefined> {
    const value = getCookie(c, ADMIN_COOKIE);
    if (!value || !this.deps.adminKey) return undefined;
    const cookie = verifyAdminCookie(this.deps.adminKey, value, this.deps.now());
    if (!cookie || this.revoked.has(cookie.nonce)) return undefined;
    const row = await this.deps.db
      .selectFrom('admin_revocations')
      .select('nonce')
      .where('nonce', '=', cookie.nonce)
      .executeTakeFirst();
    if (!row) return cookie;
    this.revoked.set(cookie.nonce, cookie.expiresAt.getTime());
    return undefined;
  }

  async revoke(cookie: AdminCookie): Promise<void> {
    const now = this.deps.now();
    for (const [nonce, until] of this.revoked) if (until <= now.getTime()) this.revoked.delete(nonce);
    this.revoked.set(cookie.nonce, cookie.expiresAt.getTime());
    // Rows of cookies that have expired since revoke nothing any more.
    await this.deps.db.deleteFrom('admin_revocations').where('expires_at', '<=', now.toISOString()).execute();
    await this.deps.db
      .insertInto('admin_revocations')
      .values({ nonce: cookie.nonce, expires_at: cookie.expiresAt.toISOString() })
      .onConflict((oc) => oc.column('nonce').doNothing())
      .execute();
  }

  /** The origin the dashboard is served from: `publicUrl`'s, else this request's own. */
  ownOrigin(c: Context): string {
    if (this.deps.publicUrl) return new URL(this.deps.publicUrl).origin;
    return requestOrigin(c, this.deps.trustProxy);
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
      if (!origin) throw new HttpError('forbidden', 'a signed-in request needs Origin');
      // Behind a proxy that terminates TLS (or passes another Host) the server sees http and its own
      // address, so the dashboard's sign-in was refused with only this comparison, and the dashboard
      // shows it: name the setting that makes the browser's address the server's own.
      const hint = this.deps.publicUrl
        ? ''
        : `; if ${origin} is this server's public address (behind a proxy), set CANCELFLOW_PUBLIC_URL (publicUrl) to it`;
      throw new HttpError('forbidden', `origin ${origin} may not change admin state (only ${own})${hint}`);
    }
  }

  /**
   * The request came over https, or the server's public URL is https: a sign-in must then carry that
   * URL's origin, so the browser is on https even when the proxy in front does not say so (no
   * `trustProxy`, which also moves the client IP to `X-Forwarded-For`, or no `X-Forwarded-Proto`).
   */
  isHttps(c: Context): boolean {
    if (this.deps.publicUrl && new URL(this.deps.publicUrl).protocol === 'https:') return true;
    return scheme(c, this.deps.trustProxy) === 'https:';
  }
}

/**
 * `POST /v1/admin/session` `{ key }` exchanges the admin key for the dashboard's cookie (HttpOnly,
 * SameSite=Strict, Path=/v1/admin, Secure over https); `DELETE /v1/admin/session` signs out. Registered on the
 * app before the admin check, since signing in is how one gets past it.
 */
export function adminSessionRoutes(app: Hono, deps: AppDeps, sessions: AdminSessions, guesses: AdminKeyGuesses): void {
  app.post('/v1/admin/session', async (c) => {
    if (c.req.header('origin') === undefined) throw new HttpError('forbidden', 'signing in needs Origin');
    sessions.assertSameOrigin(c); // no signing in from another site's form (login CSRF)
    if (!deps.adminKey) throw new HttpError('unauthorized', 'the admin API is disabled: set CANCELFLOW_ADMIN_KEY');
    const body = await readJson(c);
    const key = typeof body === 'object' && body !== null ? (body as { key?: unknown }).key : undefined;
    if (typeof key !== 'string' || key === '' || !(await guesses.matches(c, key, deps.adminKey))) {
      throw new HttpError('unauthorized', 'wrong admin key');
    }
    const { value, expiresAt } = signAdminCookie(deps.adminKey, deps.now());
    const secure = sessions.isHttps(c);
    setCookie(c, ADMIN_COOKIE, value, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: ADMIN_COOKIE_PATH,
      maxAge: ADMIN_SESSION_SECONDS,
    });
    expireRootCookie(c, secure);
    c.header('cache-control', 'no-store');
    return c.json({ signedIn: true, expiresAt: expiresAt.toISOString() });
  });

  // Without credentials, or with the cookie: `{ signedIn }`, 200 either way, so that a dashboard opening
  // signed out learns it without an error in the browser's console. A bearer key is the admin router's.
  app.get('/v1/admin/session', async (c, next) => {
    if (c.req.header('authorization') !== undefined) return next();
    const cookie = await sessions.fromRequest(c);
    c.header('cache-control', 'no-store');
    if (!cookie) return c.json({ signedIn: false });
    sessions.assertSameOrigin(c);
    return c.json({ signedIn: true, expiresAt: cookie.expiresAt.toISOString() });
  });
  app.delete('/v1/admin/session', async (c) => {
    sessions.assertSameOrigin(c);
    const cookie = await sessions.fromRequest(c);
    if (cookie) await sessions.revoke(cookie);
    const secure = sessions.isHttps(c);
    expireRootCookie(c, secure);
    deleteCookie(c, ADMIN_COOKIE, { path: ADMIN_COOKIE_PATH, httpOnly: true, sameSite: 'Strict', secure });
    c.header('cache-control', 'no-store');
    return c.json({ signedIn: false });
  });
}

/** `GET /v1/admin/session` with the bearer key (checked by the admin router): signed in. */
export function adminSessionStatus(admin: Hono): void {
  admin.get('/session', (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ signedIn: true });
  });
}
