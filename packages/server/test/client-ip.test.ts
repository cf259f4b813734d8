import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
