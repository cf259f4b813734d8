import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { SECRETS, startTestServer, type TestServer } from './helpers.ts';

// The server's clock, fixed: every lifetime below is measured from it, not from when the test runs.
const NOW = new Date('2026-06-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const HOUR = 3600;

/** A token for site acme with exactly these `iat` (or none) and `exp`, in seconds. */
function signed(times: { iat?: number; exp: number }): Promise<string> {
  let jwt = new SignJWT({ sub: 'cus_life', plan: 'pro', mrr: 49, currency: 'USD' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('acme')
    .setExpirationTime(times.exp);
  if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
  return jwt.sign(new TextEncoder().encode(SECRETS.acme));
}

describe('a token that lives longer than 24 hours', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
  });
  afterAll(() => t?.close());

  const start = async (token: string) => t.call('POST', '/v1/sessions', { token, locale: { browser: ['en-US'] } });

  it('is refused with 401 when exp is a year after iat, saying what is wrong, and recorded in audit', async () => {
    const reply = await start(await signed({ iat: NOW_S, exp: NOW_S + 365 * 24 * HOUR }));
    expect(reply.status).toBe(401);
    expect(reply.body.error).toEqual({
      code: 'unauthorized',
      message:
        'the token\'s "exp" is 365 days after its "iat": tokens may live at most 24 hours (sign them for minutes, when the page is rendered)',
    });
    const db = await openDatabase(t.dbFile);
    try {
      const rows = await db.kysely.selectFrom('audit').select(['route', 'status']).execute();
      expect(rows).toContainEqual({ route: 'POST /v1/sessions', status: 401 });
    } finally {
      await db.close();
    }
  });

  it('is refused without an iat too, by exp from now (so leaving iat out does not stretch it)', async () => {
    const reply = await start(await signed({ exp: NOW_S + 30 * 24 * HOUR }));
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toBe(
      'the token\'s "exp" is 30 days from now: tokens may live at most 24 hours (sign them for minutes, when the page is rendered)',
    );
  });

  it('is refused by exp from now when iat is set late to pass the iat..exp check', async () => {
    const reply = await start(await signed({ iat: NOW_S + 47 * HOUR, exp: NOW_S + 48 * HOUR }));
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toMatch(/^the token's "exp" is 48 hours from now/);
  });

  it('is refused by its iat..exp span even when presented near its end', async () => {
    const reply = await start(await signed({ iat: NOW_S - 2 * 24 * HOUR, exp: NOW_S + 600 }));
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toMatch(/^the token's "exp" is 2 days after its "iat"/);
  });

  it('is refused by POST /v1/preview as well', async () => {
    const token = await signed({ iat: NOW_S, exp: NOW_S + 25 * HOUR });
    const reply = await t.call('POST', '/v1/preview', { token, locale: { browser: ['en-US'] } });
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toMatch(/^the token's "exp" is 25 hours after its "iat"/);
  });
});

describe('tokens within 24 hours', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
  });
  afterAll(() => t?.close());

  const start = async (token: string) => t.call('POST', '/v1/sessions', { token, locale: { browser: ['en-US'] } });

  it('accepts exactly 24 hours from iat', async () => {
    expect((await start(await signed({ iat: NOW_S, exp: NOW_S + 24 * HOUR }))).status).toBe(201);
  });

  it('accepts exp 24 hours and the 30 s clock tolerance from now, without iat (a site clock a little ahead)', async () => {
    expect((await start(await signed({ exp: NOW_S + 24 * HOUR + 30 }))).status).toBe(201);
    expect((await start(await signed({ exp: NOW_S + 24 * HOUR + 31 }))).status).toBe(401);
  });
});

describe('the documented ways to sign', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it("getting-started's (jose, exp '1h') and the examples' backend (iat now, exp an hour on) are accepted", async () => {
    const jose = await new SignJWT({ sub: 'cus_doc', plan: 'pro', mrr: 49, currency: 'USD' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('acme')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRETS.acme));
    // The examples' own minting (plain JavaScript, so loaded by URL: it has no type declarations).
    const { mintToken } = (await import(new URL('../../../examples/shared/backend.mjs', import.meta.url).href)) as {
      mintToken(secret: string, claims: Record<string, unknown>): string;
    };
    const examples = mintToken(SECRETS.acme, { iss: 'acme', sub: 'cus_ex', plan: 'pro', mrr: 49, currency: 'USD' });
    for (const token of [jose, examples]) {
      const reply = await t.call('POST', '/v1/sessions', { token, locale: { browser: ['en-US'] } });
      expect(reply.status).toBe(201);
    }
  });
});
