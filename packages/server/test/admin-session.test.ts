import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_COOKIE, signAdminCookie } from '../src/http/admin-cookie.ts';
import { ADMIN_KEY, send, startTestServer, type TestServer } from './helpers.ts';

// The dashboard's sign-in over real HTTP: the admin key for a signed cookie, the cookie instead of the
// bearer key, CSRF refusals, expiry and sign-out.
describe('admin session cookie', () => {
  let t: TestServer;
  let own: string;

  const signIn = (key: string, headers: Record<string, string> = {}) =>
    send(`${t.url}/v1/admin/session`, {
      method: 'POST',
      headers: { origin: own, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ key }),
    });
  const cookieOf = (setCookie: string | null) => {
    const match = new RegExp(`${ADMIN_COOKIE}=([^;]*)`).exec(setCookie ?? '');
    if (!match?.[1]) throw new Error(`no ${ADMIN_COOKIE} in ${setCookie}`);
    return `${ADMIN_COOKIE}=${match[1]}`;
  };
  const withCookie = (cookie: string, path: string, init: { method?: string; origin?: string } = {}) =>
    send(`${t.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.origin ? { origin: init.origin } : {}) },
    });

  beforeAll(async () => {
    t = await startTestServer({ trustProxy: true });
    own = new URL(t.url).origin;
  });
  afterAll(() => t?.close());

  it('refuses a wrong key and sets no cookie', async () => {
    const reply = await signIn('not-the-admin-key');
    expect(reply.status).toBe(401);
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect((await signIn('')).status).toBe(401);
  });

  it('exchanges the right key for an HttpOnly, SameSite=Strict cookie that the admin API accepts', async () => {
    const reply = await signIn(ADMIN_KEY);
    expect(reply.status).toBe(200);
    const header = reply.headers.get('set-cookie') ?? '';
    const [set, ...rest] = reply.headers.getSetCookie();
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(header).not.toContain('Secure'); // plain http on loopback
    expect(header).not.toContain(ADMIN_KEY);
    // Sent with admin API requests only, not with every widget request, receipt and mail link on the
    // origin; and the cookie an earlier version set on `/` is expired, or the browser would send both.
    expect(set).toMatch(/; Path=\/v1\/admin(;|$)/);
    expect(rest).toEqual([expect.stringMatching(new RegExp(`^${ADMIN_COOKIE}=;.*Max-Age=0.*; Path=/;`))]);
    const cookie = cookieOf(header);
    expect((await withCookie(cookie, '/v1/admin/insights/summary')).status).toBe(200);
    const status = await withCookie(cookie, '/v1/admin/session');
    expect(status.body).toMatchObject({ signedIn: true, expiresAt: reply.body.expiresAt });
  });

  it('marks the cookie Secure when the request came over https (behind a trusted proxy)', async () => {
    const reply = await signIn(ADMIN_KEY, { 'x-forwarded-proto': 'https', origin: own.replace('http:', 'https:') });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).toContain('Secure');
  });

  it('tells a browser that is not signed in so with a 200, and a bearer key still has to be right', async () => {
    const none = await send(`${t.url}/v1/admin/session`, {});
    expect(none.status).toBe(200); // no error in the dashboard's console when it opens signed out
    expect(none.body).toEqual({ signedIn: false });
    expect(none.headers.get('cache-control')).toBe('no-store');
    const old = signAdminCookie(ADMIN_KEY, new Date(Date.now() - 9 * 60 * 60 * 1000));
    expect((await withCookie(`${ADMIN_COOKIE}=${old.value}`, '/v1/admin/session')).body).toEqual({ signedIn: false });
    const bearer = (key: string) => send(`${t.url}/v1/admin/session`, { headers: { authorization: `Bearer ${key}` } });
    expect((await bearer(ADMIN_KEY)).body).toEqual({ signedIn: true });
    expect((await bearer('not-the-admin-key')).status).toBe(401);
  });

  it('refuses an expired cookie and one whose expiry was changed', async () => {
    const old = signAdminCookie(ADMIN_KEY, new Date(Date.now() - 9 * 60 * 60 * 1000));
    expect((await withCookie(`${ADMIN_COOKIE}=${old.value}`, '/v1/admin/insights/summary')).status).toBe(401);
    const [version, , nonce, mac] = old.value.split('.');
    const later = Math.floor(Date.now() / 1000) + 3600;
    const forged = `${ADMIN_COOKIE}=${version}.${later}.${nonce}.${mac}`;
    expect((await withCookie(forged, '/v1/admin/insights/summary')).status).toBe(401);
    const otherKey = signAdminCookie('another-admin-key-0123456789abcdef', new Date());
    expect((await withCookie(`${ADMIN_COOKIE}=${otherKey.value}`, '/v1/admin/insights/summary')).status).toBe(401);
  });

  it('refuses state-changing requests on the cookie from another origin or without one', async () => {
    const cookie = cookieOf((await signIn(ADMIN_KEY)).headers.get('set-cookie'));
    const evil = await withCookie(cookie, '/v1/admin/retention/run', {
      method: 'POST',
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(403);
    expect((await withCookie(cookie, '/v1/admin/retention/run', { method: 'POST' })).status).toBe(403);
    // What a form elsewhere can send without a preflight: JSON as text/plain, from a sandboxed frame
    // (Origin: null) or from a host whose name merely starts like ours.
    for (const origin of ['null', `${own}.evil.example`]) {
      const forged = await send(`${t.url}/v1/admin/retention/run`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(forged.status, origin).toBe(403);
    }
    const same = await withCookie(cookie, '/v1/admin/retention/run', { method: 'POST', origin: own });
    expect(same.status).toBe(200);
    // Tools with the bearer key send no Origin and are not browsers: unaffected.
    const bearer = await send(`${t.url}/v1/admin/retention/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('refuses signing in from another origin (login CSRF)', async () => {
    const reply = await signIn(ADMIN_KEY, { origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('set-cookie')).toBeNull();
  });

  it('signs out: clears the cookie and revokes it', async () => {
    const cookie = cookieOf((await signIn(ADMIN_KEY)).headers.get('set-cookie'));
    expect(
      (await withCookie(cookie, '/v1/admin/session', { method: 'DELETE', origin: 'https://evil.example' })).status,
    ).toBe(403);
    const out = await withCookie(cookie, '/v1/admin/session', { method: 'DELETE', origin: own });
    expect(out.status).toBe(200);
    // The cookie where it is set, and one an earlier version set on `/`.
    const cleared = out.headers.getSetCookie();
    expect(cleared.map((c) => /Path=([^;]*)/.exec(c)?.[1]).sort()).toEqual(['/', '/v1/admin']);
    for (const c of cleared) expect(c).toMatch(new RegExp(`^${ADMIN_COOKIE}=;.*Max-Age=0`));
    expect((await withCookie(cookie, '/v1/admin/insights/summary')).status).toBe(401);
  });
});

// A TLS-terminating proxy in front and no publicUrl (self-hosting.md's first deployment): the browser is
// on https, the server sees http. The sign-in is refused, and the refusal, which the dashboard shows,
// names the setting; with publicUrl set, the same sign-in works (below).
describe('admin sign-in behind a proxy without a public URL', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('refuses the https origin, saying to set CANCELFLOW_PUBLIC_URL', async () => {
    const browser = new URL(t.url).origin.replace('http:', 'https:');
    const reply = await send(`${t.url}/v1/admin/session`, {
      method: 'POST',
      headers: { origin: browser, 'content-type': 'application/json' },
      body: JSON.stringify({ key: ADMIN_KEY }),
    });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(reply.body.error.message).toBe(
      `origin ${browser} may not change admin state (only ${new URL(t.url).origin}); if ${browser} is this server's public address (behind a proxy), set CANCELFLOW_PUBLIC_URL (publicUrl) to it`,
    );
  });
});

// Behind a proxy that terminates TLS without `trustProxy` (set only when the proxy sets X-Forwarded-For):
// the request reaches the server over http, but the public URL is https and a sign-in must come from it.
describe('admin session cookie with an https public URL', () => {
  let t: TestServer;
  const publicUrl = 'https://cancel.example.test';
  beforeAll(async () => {
    t = await startTestServer({ publicUrl });
  });
  afterAll(() => t?.close());

  it('marks the cookie Secure, also when the proxy says nothing of https', async () => {
    const reply = await send(`${t.url}/v1/admin/session`, {
      method: 'POST',
      headers: { origin: publicUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ key: ADMIN_KEY }),
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).toContain('Secure');
    const out = await send(`${t.url}/v1/admin/session`, { method: 'DELETE', headers: { origin: publicUrl } });
    expect(out.headers.get('set-cookie')).toContain('Secure');
  });
});
