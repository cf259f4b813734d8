import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { ADMIN_KEY, send, startTestServer, type TestServer } from './helpers.ts';

// Guessing the admin key over real HTTP: the per-IP request limit alone let one address try 20 keys a
// second (the server only warns about a short key). Wrong keys are now limited per address, and while
// an address is limited the right key gets the same 429, so the answer tells it nothing. On Postgres
// the buckets are in the database, shared by every process.
describe.each(BACKENDS)('admin key guesses (%s)', (backend) => {
  let t: TestServer;
  let own: string;
  // Behind a trusted proxy, so that each test can be its own client address.
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const bearer = (ip: string, key: string) =>
    send(`${t.url}/v1/admin/insights/summary`, { headers: { ...from(ip), authorization: `Bearer ${key}` } });
  const signIn = (ip: string, key: string) =>
    send(`${t.url}/v1/admin/session`, {
      method: 'POST',
      headers: { ...from(ip), origin: own, 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
  const statusCallback = (ip: string, key: string) =>
    send(`${t.url}/v1/billing/status`, {
      method: 'POST',
      headers: { ...from(ip), authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: `st_${ip}`,
        siteId: 'acme',
        subscriber: { sub: 'cus_1' },
        status: 'active',
        at: '2026-01-01T00:00:00Z',
      }),
    });

  beforeAll(async () => {
    t = await startTestServer({
      backend,
      trustProxy: true,
      // Three wrong keys, then (practically) none: the refill is not what is tested.
      rateLimits: {
        perIp: { burst: 1000, perSecond: 1000 },
        perSession: { burst: 1000, perSecond: 1000 },
        adminKeyGuesses: { burst: 3, perSecond: 0.0001 },
      },
    });
    own = new URL(t.url).origin;
  });
  afterAll(() => t?.close());

  it('answers 429 after an address has used its wrong keys, to the right key too, on every route that takes it', async () => {
    const ip = '203.0.113.1';
    expect((await bearer(ip, 'guess-1')).status).toBe(401);
    expect((await signIn(ip, 'guess-2')).status).toBe(401);
    expect((await statusCallback(ip, 'guess-3')).status).toBe(401);
    const limited = await bearer(ip, 'guess-4');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await bearer(ip, ADMIN_KEY)).status).toBe(429);
    const signedIn = await signIn(ip, ADMIN_KEY);
    expect(signedIn.status).toBe(429);
    expect(signedIn.headers.get('set-cookie')).toBeNull();
    expect((await statusCallback(ip, ADMIN_KEY)).status).toBe(429);
  });

  it('counts per address: another one still gets in with the right key', async () => {
    expect((await bearer('203.0.113.2', ADMIN_KEY)).status).toBe(200);
    expect((await signIn('203.0.113.2', ADMIN_KEY)).status).toBe(200);
  });

  it("counts an IPv6 client by its /64, which is one subscriber line's: a new address per guess gets no more", async () => {
    // One home or server line gets a whole /64: 2^64 addresses to guess from, 3 wrong keys each.
    expect((await bearer('2001:db8:1:2::1', 'v6-1')).status).toBe(401);
    expect((await bearer('2001:db8:1:2::2', 'v6-2')).status).toBe(401);
    expect((await bearer('2001:0db8:0001:0002:ffff:ffff:ffff:fffe', 'v6-3')).status).toBe(401);
    expect((await bearer('2001:db8:1:2:abcd::7', 'v6-4')).status).toBe(429);
    expect((await bearer('2001:db8:1:2::1', ADMIN_KEY)).status).toBe(429);
    // The next /64 is another line, and an IPv4 client written as IPv6 (a dual-stack socket's
    // ::ffff:203.0.113.4) is that IPv4 address, not one bucket for all of them.
    expect((await bearer('2001:db8:1:3::1', ADMIN_KEY)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await bearer('::ffff:203.0.113.4', `v4-${i}`)).status).toBe(401);
    expect((await bearer('203.0.113.4', 'v4-3')).status).toBe(429);
    expect((await bearer('::ffff:203.0.113.5', ADMIN_KEY)).status).toBe(200);
  });

  it('does not count the right key: a script using it all day keeps its wrong-key allowance', async () => {
    const ip = '203.0.113.3';
    for (let i = 0; i < 10; i++) expect((await bearer(ip, ADMIN_KEY)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await bearer(ip, `typo-${i}`)).status).toBe(401);
    expect((await bearer(ip, 'typo-4')).status).toBe(429);
  });
});
