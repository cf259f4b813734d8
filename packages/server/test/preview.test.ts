import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS } from './backends.ts';
import { ORIGIN, send, startTestServer, type TestServer, token } from './helpers.ts';

/** Every table a session start, its events, a refusal or an idempotent write could add a row to. */
const WRITTEN = [
  'sessions',
  'events',
  'idempotency_keys',
  'audit',
  'session_rollup_delta',
  'offers_shown',
  'webhook_outbox',
  'mail_outbox',
  'subscriptions',
] as const;

// `POST /v1/preview`: what a session for this token would resolve to, for the widget to draw its first
// screen before the session start answers. It must answer what the start will, and store nothing.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  const locale = { browser: ['de-DE', 'en'] };
  const preview = async (jwt: string, headers: Record<string, string> = {}) =>
    t.call('POST', '/v1/preview', { token: jwt, locale }, headers);

  async function rowCounts(): Promise<Record<string, number>> {
    const db = await openDatabase(t.dbFile);
    try {
      const counts: Record<string, number> = {};
      for (const table of WRITTEN) {
        const row = await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow();
        counts[table] = Number(row.n);
      }
      return counts;
    } finally {
      await db.close();
    }
  }

  it('answers the flow, subscriber and locale that a session started right after answers', async () => {
    for (const claims of [{ sub: 'cus_preview' }, { sub: 'cus_preview_vip', plan: 'vip' }]) {
      const jwt = await token(claims);
      const seen = await preview(jwt);
      expect(seen.status).toBe(200);
      expect(Object.keys(seen.body).sort()).toEqual(['flow', 'locale', 'now', 'subscriber']);
      const started = await t.call('POST', '/v1/sessions', { token: jwt, locale });
      expect(started.status).toBe(201);
      // The server's time, each when it answered: the widget counts the subscriber's dates from it.
      const { sessionId, sessionKey, now, ...resolved } = started.body;
      const { now: previewedAt, ...previewed } = seen.body;
      expect(previewed).toEqual(resolved);
      for (const at of [now, previewedAt]) expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(60_000);
      expect(seen.body.locale).toBe('de');
    }
    const vip = await preview(await token({ sub: 'cus_preview_vip2', plan: 'vip' }));
    expect(vip.body.flow.reasonOffers.too_expensive.id).toBe('vip_talk');
  });

  it('stores nothing and is never cached', async () => {
    const before = await rowCounts();
    const jwt = await token({ sub: 'cus_preview_nothing' });
    for (let i = 0; i < 3; i++) {
      const reply = await preview(jwt, { 'idempotency-key': `preview-${i}` });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('takes the body as text/plain, as the widget sends it to need no CORS preflight', async () => {
    const reply = await send(`${t.url}/v1/preview`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ token: await token({ sub: 'cus_preview_plain' }), locale }),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.subscriber.sub).toBe('cus_preview_plain');
    expect(reply.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('answers CORS for the allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.url}/v1/preview`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a bad token (401) and another origin (403) as a session start does, and records them', async () => {
    const forged = `${(await token({ sub: 'cus_preview_forged' })).slice(0, -4)}AAAA`;
    const bad = await preview(forged);
    const sessionBad = await t.call('POST', '/v1/sessions', { token: forged, locale });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual(sessionBad.body);
    const elsewhere = await preview(await token({ sub: 'cus_preview_origin' }), { origin: 'https://evil.example' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('forbidden');
    expect((await preview('not.a.jwt')).status).toBe(401);
    expect((await t.call('POST', '/v1/preview', { locale })).status).toBe(422);

    const db = await openDatabase(t.dbFile);
    try {
      const audit = await db.kysely
        .selectFrom('audit')
        .select(['status', 'code', 'count'])
        .where('route', '=', 'POST /v1/preview')
        .execute();
      // Refusals of the same minute and answer share a row and its count (audit.ts).
      const attempts = audit.flatMap((row) => Array(row.count).fill(`${row.status} ${row.code}`));
      expect(attempts.sort()).toEqual(['401 unauthorized', '401 unauthorized', '403 forbidden']);
    } finally {
      await db.close();
    }
  });
});

describe('POST /v1/preview under the per-IP rate limit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      rateLimits: { perIp: { burst: 2, perSecond: 0.01 }, perSession: { burst: 10, perSecond: 10 } },
    });
  });
  afterAll(() => t?.close());

  it('shares the limit of every /v1 request: 429 with Retry-After once it is spent', async () => {
    const body = { token: await token({ sub: 'cus_preview_flood' }), locale: {} };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await t.call('POST', '/v1/preview', body));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(statuses[2]?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await t.call('POST', '/v1/sessions', body)).status).toBe(429);
  });
});
