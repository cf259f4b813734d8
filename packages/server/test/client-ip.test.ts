import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey } from '../src/http/client.ts';
import { ORIGIN, send, startTestServer, type TestServer } from './helpers.ts';

// Behind a trusted proxy the per-address rate limit counts the address the proxy saw. Proxies that
// append (nginx's $proxy_add_x_forwarded_for, cloud load balancers) keep whatever X-Forwarded-For the
// client sent and add the real address last: only that last one can be trusted.
describe('client address behind a trusted proxy', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      trustProxy: true,
      rateLimits: undefined,
      env: { CANCELFLOW_RATE_LIMIT_IP: '3/0.001' },
    });
  });
  afterAll(() => t?.close());

  const signIn = (forwardedFor: string) =>
    send(`${t.url}/v1/admin/session`, {
      method: 'POST',
      headers: { origin: new URL(t.url).origin, 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ key: 'a guess' }),
    });

  it('a client cannot dodge the limit by sending its own X-Forwarded-For through an appending proxy', async () => {
    const statuses: number[] = [];
    // The client forges a new first hop each time; the proxy appends the address it really came from.
    for (let i = 0; i < 6; i++) statuses.push((await signIn(`10.0.${i}.1, 203.0.113.7`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('a client cannot dodge the limit by a new port per connection, where the proxy writes ports too', async () => {
    // Azure Application Gateway sends X-Forwarded-For as address:port; each port counted as a client.
    const v4: number[] = [];
    for (let i = 0; i < 6; i++) v4.push((await signIn(`198.51.100.77:${50000 + i}`)).status);
    expect(v4).toEqual([401, 401, 401, 429, 429, 429]);
    const v6: number[] = [];
    for (let i = 0; i < 6; i++) v6.push((await signIn(`[2001:db8:8:8::1]:${50000 + i}`)).status);
    expect(v6).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('an IPv6 client cannot dodge the limit by taking a new address of its /64 for each request', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(`2001:db8:7:7::${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('still tells clients apart by the address the proxy set', async () => {
    const events = (ip: string) =>
      send(`${t.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': ip },
        body: JSON.stringify({ events: [], keys: {} }),
      });
    expect((await events('198.51.100.1')).status).toBe(200);
    expect((await events('evil, 198.51.100.2')).status).toBe(200);
  });
});

describe('addressKey: what the per-IP limits count a client by', () => {
  it("is an IPv6 address's /64 however it is written, and an IPv4 address as it is, mapped or not", () => {
    const same = ['2001:db8:a:b::1', '2001:0DB8:000a:000b:ffff::', '2001:db8:a:b:1:2:3:4', '2001:db8:a:b::1%eth0'];
    expect(new Set(same.map(addressKey))).toEqual(new Set(['2001:db8:a:b::/64']));
    expect(addressKey('2001:db8:a:c::1')).toBe('2001:db8:a:c::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('1::2:3:4:5:192.0.2.1')).toBe('1:0:2:3::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::FFFF:203.0.113.9')).toBe('203.0.113.9');
    // With the port some proxies add: the address alone.
    expect(addressKey('203.0.113.9:51234')).toBe('203.0.113.9');
    expect(addressKey('[2001:db8:a:b::1]:443')).toBe('2001:db8:a:b::/64');
    expect(addressKey('[2001:db8:a:b::1]')).toBe('2001:db8:a:b::/64');
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    // Not an address (a proxy's odd header): counted as written.
    expect(addressKey('unknown')).toBe('unknown');
  });
});
