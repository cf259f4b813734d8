import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { startTestServer, type TestServer, token } from './helpers.ts';

// One subscriber's token, reused while it lasts, started a stored session (some 8 KB with its resolved
// flow) per request, as fast as the per-IP limit allowed: 20 a second from each address, filling the
// database and the insights' open sessions. New sessions are now limited per subscriber of a site.
describe.each(BACKENDS)('new sessions per subscriber (%s)', (backend) => {
  let t: TestServer;
  const start = async (sub: string, site: 'acme' | 'exp' = 'acme') =>
    t.call('POST', '/v1/sessions', { token: await token({ sub }, { site }) });

  beforeAll(async () => {
    t = await startTestServer({
      backend,
      rateLimits: {
        perIp: { burst: 1000, perSecond: 1000 },
        perSession: { burst: 1000, perSecond: 1000 },
        // Three, then (practically) none: the refill is not what is tested.
        perSubscriber: { burst: 3, perSecond: 0.0001 },
      },
    });
  });
  afterAll(() => t?.close());

  it("refuses a subscriber's sessions past the limit with 429 and Retry-After, and stores none of them", async () => {
    for (let i = 0; i < 3; i++) expect((await start('cus_flood')).status).toBe(201);
    const refused = await start('cus_flood');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const exported = await t.admin('GET', '/v1/admin/subscribers/cus_flood/export?siteId=acme');
    expect(exported.status).toBe(200);
    expect(exported.body.sessions).toHaveLength(3);
  });

  it('limits each subscriber of each site on its own, and leaves the preview (which stores nothing) alone', async () => {
    expect((await start('cus_other')).status).toBe(201);
    expect((await start('cus_flood', 'exp')).status).toBe(201);
    const preview = await t.call('POST', '/v1/preview', { token: await token({ sub: 'cus_flood' }) });
    expect(preview.status).toBe(200);
  });
});
