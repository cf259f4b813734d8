import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, event, openSession, send, startTestServer, type TestServer } from './helpers.ts';

// What the admin API answers is personal data (free text, plans, subscriber ids, mail): a browser
// must not keep it in its disk cache after signing out, nor a shared cache in front of the server.
describe('admin API answers are never cached', () => {
  let t: TestServer;
  let cookie: string;
  const own = () => new URL(t.url).origin;

  beforeAll(async () => {
    t = await startTestServer();
    const s = await openSession(t, { sub: 'cus_cache', email: 'cache@example.com' });
    await t.call('POST', '/v1/events', {
      events: [
        event(s.sessionId, 'reason_selected', { reasonId: 'too_expensive' }),
        event(s.sessionId, 'feedback_submitted', { stepId: 'feedback', text: 'my private reason' }),
      ],
      keys: { [s.sessionId]: s.sessionKey },
    });
    const signIn = await send(`${t.url}/v1/admin/session`, {
      method: 'POST',
      headers: { origin: own(), 'content-type': 'application/json' },
      body: JSON.stringify({ key: ADMIN_KEY }),
    });
    cookie = /cancelflow_admin=[^;]*/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
    expect(cookie).not.toBe('');
  });
  afterAll(() => t?.close());

  const paths = [
    '/v1/admin/insights/feedback',
    '/v1/admin/insights/feedback?format=csv',
    '/v1/admin/insights/sessions',
    '/v1/admin/insights/sessions?format=csv',
    '/v1/admin/insights/summary',
    '/v1/admin/sites',
    '/v1/admin/flows/acme',
    '/v1/admin/flows/acme/versions',
    '/v1/admin/mail?sub=cus_cache',
    '/v1/admin/subscribers/cus_cache/export',
  ];

  it.each(paths)('%s with the dashboard cookie and with the bearer key: Cache-Control no-store', async (path) => {
    const byCookie = await send(`${t.url}${path}`, { headers: { cookie } });
    expect(byCookie.status).toBe(200);
    expect(byCookie.headers.get('cache-control')).toBe('no-store');
    const byKey = await t.admin('GET', path);
    expect(byKey.status).toBe(200);
    expect(byKey.headers.get('cache-control')).toBe('no-store');
  });

  it('a refusal too (it may name what was asked for)', async () => {
    const reply = await send(`${t.url}/v1/admin/insights/no-such-report`, { headers: { cookie } });
    expect(reply.status).toBe(404);
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });
});
