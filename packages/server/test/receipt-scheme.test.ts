import { afterEach, describe, expect, it } from 'vitest';
import { openSession, startTestServer, type TestServer } from './helpers.ts';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A cancel's receipt URL, and the same receipt's read back, each with `headers` (as a proxy forwards them). */
async function receiptUrls(server: TestServer, headers: Record<string, string>): Promise<string[]> {
  const s = await openSession(server, { sub: `cus_${Math.random()}` });
  const cancel = await server.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }, headers);
  expect(cancel.status, cancel.text).toBe(200);
  const read = await server.call('GET', `/v1/receipts/${cancel.body.id}`, undefined, {
    accept: 'application/json',
    ...headers,
  });
  return [cancel.body.url, read.body.url].map((url: string) => url.replace(/\/v1\/receipts\/.*/, ''));
}

// A TLS proxy (nginx, a load balancer) talks plain HTTP to the server and says `X-Forwarded-Proto: https`.
describe('receipt links without publicUrl', () => {
  it('behind a trusted proxy take its X-Forwarded-Proto: https, as the subscriber reached the server', async () => {
    t = await startTestServer({ trustProxy: true });
    const host = new URL(t.url).host;
    expect(await receiptUrls(t, { 'x-forwarded-proto': 'https' })).toEqual([`https://${host}`, `https://${host}`]);
  });

  it('ignore X-Forwarded-Proto when the proxy is not trusted (anyone can send it)', async () => {
    t = await startTestServer({ trustProxy: false });
    expect(await receiptUrls(t, { 'x-forwarded-proto': 'https' })).toEqual([t.url, t.url]);
  });

  it('with publicUrl, use it whatever the request says', async () => {
    t = await startTestServer({ trustProxy: true, publicUrl: 'https://cancel.example.com' });
    expect(await receiptUrls(t, { 'x-forwarded-proto': 'http' })).toEqual([
      'https://cancel.example.com',
      'https://cancel.example.com',
    ]);
  });
});
