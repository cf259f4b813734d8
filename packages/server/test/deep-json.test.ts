import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestServer, type TestServer, token } from './helpers.ts';

// JSON nested thousands of levels deep where the request-body check (readJsonText) does not see it:
// inside a signed token's claims, and in the billing status callback, which reads its body itself.
// Walked recursively, both overflowed the stack and answered 500 without saying what was wrong.
describe('deeply nested JSON outside request bodies', () => {
  let t: TestServer;
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const deep = (levels: number): unknown => JSON.parse(nested(levels));

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('refuses a validly signed token whose claims nest thousands of levels with 422, on both routes', async () => {
    const signed = await token({ sub: 'cus_deep_token', extra: deep(2900) });
    expect(signed.length).toBeLessThanOrEqual(8192); // within the token's length limit: only its depth is wrong
    for (const path of ['/v1/sessions', '/v1/preview']) {
      const reply = await t.call('POST', path, { token: signed });
      expect(reply.status, path).toBe(422);
      expect(reply.body.error.message, path).toBe("the token's claims nest deeper than 32 levels");
    }
  });

  it('still accepts claims nested as deep as the limit allows', async () => {
    const signed = await token({ sub: 'cus_nested_ok', extra: deep(31) });
    expect((await t.call('POST', '/v1/preview', { token: signed })).status).toBe(200);
  });

  it('answers a status callback nested thousands of levels deep with 400', async () => {
    const body = `{"id":"deep","siteId":"acme","subscriber":${nested(10_000)}}`;
    const reply = await t.call('POST', '/v1/billing/status', body, {
      authorization: `Bearer ${ADMIN_KEY}`,
      'content-type': 'application/json',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toBe('the body nests deeper than 32 levels');
  });
});
