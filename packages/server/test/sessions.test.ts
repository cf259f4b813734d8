import { createHmac } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS } from './backends.ts';
import { event, ORIGIN, openSession, SECRETS, send, startTestServer, type TestServer, token } from './helpers.ts';

// The storage behaviour must hold on every database the server supports.
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  const start = async (tok: string, headers: Record<string, string> = {}) =>
    t.call('POST', '/v1/sessions', { token: tok, locale: { browser: ['de-DE', 'en'] } }, headers);

  /** Re-encodes a JWT's payload without re-signing it: what a subscriber editing their token can do. */
  function editClaims(jwt: string, edit: (claims: Record<string, unknown>) => void): string {
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    edit(claims);
    return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  }

  describe('GET /v1/health', () => {
    it('answers ok with the package version', async () => {
      const reply = await send(`${t.url}/v1/health`, {});
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    });
  });

  describe('POST /v1/sessions', () => {
    it('verifies the token and returns the flow resolved for this subscriber', async () => {
      const reply = await start(await token({ sub: 'cus_resolve', sid: 'sub_9' }));
      expect(reply.status).toBe(201);
      expect(reply.body.sessionId).toMatch(/^ses_/);
      expect(reply.body.sessionKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(reply.body.subscriber).toMatchObject({ sub: 'cus_resolve', sid: 'sub_9', plan: 'pro' });
      expect(reply.body.locale).toBe('de');
      expect(Object.keys(reply.body.flow.offers).sort()).toEqual(['discount_30', 'downgrade', 'pause']);
      expect(reply.body.flow.reasonOffers.too_expensive.id).toBe('discount_30');
    });

    it('applies targeting from the signed claims (a VIP gets the talk offer instead of the discount)', async () => {
      const reply = await start(await token({ sub: 'cus_vip', plan: 'vip' }));
      expect(reply.status).toBe(201);
      expect(reply.body.flow.targetingRule).toBe('vip');
      expect(reply.body.flow.reasonOffers.too_expensive.id).toBe('vip_talk');
    });

    it('gives two sessions different ids and keys', async () => {
      const a = await openSession(t);
      const b = await openSession(t);
      expect(a.sessionId).not.toBe(b.sessionId);
      expect(a.sessionKey).not.toBe(b.sessionKey);
    });

    it('returns the first response again for a retried request with the same Idempotency-Key', async () => {
      const body = { token: await token({ sub: 'cus_idem' }), locale: {} };
      const first = await t.call('POST', '/v1/sessions', body, { 'idempotency-key': 'start-1' });
      const again = await t.call('POST', '/v1/sessions', body, { 'idempotency-key': 'start-1' });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.sessionId).toBe(first.body.sessionId);
      // The replay carries the same, working session key, though the key itself was never stored.
      expect(again.body.sessionKey).toBe(first.body.sessionKey);
      const stored = await openDatabase(t.dbFile);
      try {
        const rows = await stored.kysely.selectFrom('idempotency_keys').select('response_json').execute();
        const all = rows.map((r) => r.response_json).join('\n');
        expect(all).toContain(first.body.sessionId);
        expect(all).not.toContain(first.body.sessionKey);
      } finally {
        await stored.close();
      }
      const viewed = event(again.body.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
      const events = await t.call('POST', '/v1/events', {
        events: [viewed],
        keys: { [again.body.sessionId]: again.body.sessionKey },
      });
      expect(events.body.stored).toEqual([viewed.id]);
      const other = await t.call(
        'POST',
        '/v1/sessions',
        { ...body, locale: { explicit: 'de' } },
        { 'idempotency-key': 'start-1' },
      );
      expect(other.status).toBe(422);
    });

    describe('refuses tampered tokens with 401', () => {
      it('edited claims (plan changed to vip, signature kept)', async () => {
        const forged = editClaims(await token({ sub: 'cus_edit' }), (c) => {
          c.plan = 'vip';
        });
        const reply = await start(forged);
        expect(reply.status).toBe(401);
        expect(reply.body.error).toEqual({ code: 'unauthorized', message: 'the token signature is invalid' });
      });

      it('another site named in iss (signed with acme secret)', async () => {
        const forged = await token({ sub: 'cus_x' }, { site: 'exp', secret: SECRETS.acme });
        expect((await start(forged)).status).toBe(401);
      });

      it('wrong secret', async () => {
        const reply = await start(await token({}, { secret: 'not-the-secret-0123456789abcdef01234' }));
        expect(reply.status).toBe(401);
      });

      it('expired beyond the clock tolerance', async () => {
        const reply = await start(await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 120 }));
        expect(reply.status).toBe(401);
        expect(reply.body.error.message).toBe('the token has expired');
      });

      it('accepts a token that expired within the 30 s clock tolerance', async () => {
        const reply = await start(await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 5 }));
        expect(reply.status).toBe(201);
      });

      it('no exp claim', async () => {
        const reply = await start(await token({}, { noExp: true }));
        expect(reply.status).toBe(401);
        expect(reply.body.error.message).toContain('"exp"');
      });

      it('alg none', async () => {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const payload = Buffer.from(
          JSON.stringify({ iss: 'acme', sub: 'cus_none', exp: Math.floor(Date.now() / 1000) + 600 }),
        ).toString('base64url');
        expect((await start(`${header}.${payload}.`)).status).toBe(401);
      });

      it('an audience (aud) other than the site or cancelflow; none, the site or cancelflow pass', async () => {
        const elsewhere = await start(await token({ aud: 'billing-service' }));
        expect(elsewhere.status).toBe(401);
        expect(elsewhere.body.error.message).toContain('audience');
        expect((await start(await token({ aud: ['billing-service', 'other'] }))).status).toBe(401);
        for (const aud of ['acme', 'cancelflow', ['billing-service', 'acme']]) {
          expect((await start(await token({ sub: `cus_aud_${String(aud)}`, aud }))).status, String(aud)).toBe(201);
        }
      });

      it('other algorithms: HS512 with the right secret, RS256 with a key of its own', async () => {
        const claims = { iss: 'acme', sub: 'cus_alg', plan: 'pro', mrr: 49, currency: 'USD', periodEnd: '2099-12-31' };
        const secret = new TextEncoder().encode(SECRETS.acme);
        const hs512 = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS512' })
          .setExpirationTime('10m')
          .sign(secret);
        const { privateKey } = await generateKeyPair('RS256');
        const rs256 = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256' })
          .setExpirationTime('10m')
          .sign(privateKey);
        for (const forged of [hs512, rs256]) {
          const reply = await start(forged);
          expect(reply.status).toBe(401);
          expect(reply.body.error.message).toBe('the token must be signed with HS256');
        }
      });

      it('not valid yet (nbf in the future), and a critical header parameter the server does not know', async () => {
        const claims = { iss: 'acme', sub: 'cus_nbf', plan: 'pro', mrr: 49, currency: 'USD', periodEnd: '2099-12-31' };
        const secret = new TextEncoder().encode(SECRETS.acme);
        const early = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setNotBefore('1h')
          .setExpirationTime('2h')
          .sign(secret);
        expect((await start(early)).body.error.message).toBe('the token\'s "nbf" claim is invalid or missing');
        // `crit` names header parameters a verifier must understand or refuse the token.
        const header = Buffer.from(JSON.stringify({ alg: 'HS256', crit: ['x-bind'], 'x-bind': 1 })).toString(
          'base64url',
        );
        const payload = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })).toString(
          'base64url',
        );
        const mac = createHmac('sha256', SECRETS.acme).update(`${header}.${payload}`).digest('base64url');
        expect((await start(`${header}.${payload}.${mac}`)).status).toBe(401);
      });

      it('a kid or site claim naming another site changes nothing: the site is iss, its secret verifies', async () => {
        const secret = new TextEncoder().encode(SECRETS.acme);
        const claims = { sub: 'cus_kid', plan: 'pro', mrr: 49, currency: 'USD', periodEnd: '2099-12-31' };
        const sign = (iss: string, extra: Record<string, unknown> = {}) =>
          new SignJWT({ ...claims, ...extra })
            .setProtectedHeader({ alg: 'HS256', kid: 'exp' })
            .setIssuer(iss)
            .setExpirationTime('10m')
            .sign(secret);
        // Signed with acme's secret, naming the exp site by kid and by a site claim: acme's session.
        const ours = await start(await sign('acme', { site: 'exp' }));
        expect(ours.status).toBe(201);
        expect(ours.body.flow.config.id).toBe('acme-main');
        // Naming exp in iss, still with acme's secret: exp's secret does not verify it.
        expect((await start(await sign('exp'))).status).toBe(401);
      });

      it('unknown site, no site, not a JWT', async () => {
        const unknownSite = editClaims(await token({}), (c) => {
          c.iss = 'nope';
        });
        const noSite = editClaims(await token({}), (c) => {
          delete c.iss;
        });
        const unknown = await start(unknownSite);
        expect(unknown.status).toBe(401);
        // Named, so that a typo in the token's iss is found from the widget's console warning.
        expect(unknown.body.error.message).toBe(`the token names site "nope", which is not in the server's sites file`);
        expect((await start(noSite)).status).toBe(401);
        expect((await start('not.a.jwt')).status).toBe(401);
      });
    });

    it('answers 422 for a validly signed token whose claims break the schema', async () => {
      const reply = await start(await token({ mrr: -5 }));
      expect(reply.status).toBe(422);
      expect(reply.body.error.message).toContain('mrr');
    });

    it('answers 422 for a day that does not exist or a date-time without its offset, and for an amount past a billion', async () => {
      for (const [claims, field] of [
        [{ periodEnd: '2027-02-30' }, 'periodEnd'],
        [{ periodEnd: '2027-13-45' }, 'periodEnd'],
        [{ since: '2024-01-15T10:00' }, 'since'],
        [{ lastPaymentOn: '2026-02-29' }, 'lastPaymentOn'],
        [{ mrr: 1e308 }, 'mrr'],
        [{ mrr: 5e12 }, 'mrr'],
      ] as const) {
        const reply = await start(await token(claims));
        expect([field, reply.status]).toEqual([field, 422]);
        expect(reply.body.error.message).toContain(field);
      }
    });

    it("counts a date-time with its offset as that instant's day in UTC, on the confirm step and the receipt", async () => {
      const reply = await start(await token({ sub: 'cus_offset', periodEnd: '2027-01-15T23:30:00-05:00', mrr: 1e9 }));
      expect(reply.status).toBe(201);
      const cancelled = await t.call('POST', `/v1/sessions/${reply.body.sessionId}/cancel`, {
        sessionKey: reply.body.sessionKey,
      });
      expect(cancelled.body.effectiveOn).toBe('2027-01-16');
    });

    it("answers 403 when the Origin is not one of the site's", async () => {
      const reply = await start(await token({}), { origin: 'https://evil.example' });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('forbidden');
    });

    it('answers 400 / 422 / 415 for malformed requests', async () => {
      expect((await t.call('POST', '/v1/sessions', '{oops')).status).toBe(400);
      expect((await t.call('POST', '/v1/sessions', '')).status).toBe(400);
      const missing = await t.call('POST', '/v1/sessions', { locale: {} });
      expect(missing.status).toBe(422);
      expect(missing.body.error.message).toMatch(/^token:/);
      const xml = await t.call('POST', '/v1/sessions', '<a/>', { 'content-type': 'application/xml' });
      expect(xml.status).toBe(415);
    });

    it('answers 400 with a clear error for JSON nested thousands of levels deep, on every session write', async () => {
      const s = await openSession(t, { sub: 'cus_deep' });
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const [path, body] of [
        ['/v1/sessions', `{"token":"x","locale":${deep}}`],
        [`/v1/sessions/${s.sessionId}/accept`, `{"sessionKey":"${s.sessionKey}","offerId":"pause","choice":${deep}}`],
        [`/v1/sessions/${s.sessionId}/cancel`, `{"sessionKey":"${s.sessionKey}","feedback":${deep}}`],
        ['/v1/events', `{"events":${deep},"keys":{}}`],
      ] as const) {
        expect(body.length).toBeLessThan(32 * 1024);
        const reply = await t.call('POST', path, body, { 'idempotency-key': `deep-${path}` });
        expect(reply.status, path).toBe(400);
        expect(reply.body.error.message, path).toMatch(/nests deeper than 32 levels/);
      }
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin, and not from others', async () => {
      const preflight = (origin: string) =>
        fetch(`${t.url}/v1/sessions/ses_x/accept`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,idempotency-key',
          },
        });
      const ok = await preflight(ORIGIN);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('says Vary: Origin once on every browser route, and allows the origin on each', async () => {
      const s = await openSession(t, { sub: 'cus_vary' });
      for (const [path, body] of [
        ['/v1/sessions', { token: await token({}) }],
        [`/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }],
        ['/v1/events', { events: [], keys: {} }],
      ] as const) {
        const reply = await fetch(`${t.url}${path}`, {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect([path, reply.headers.get('vary'), reply.headers.get('access-control-allow-origin')]).toEqual([
          path,
          'Origin',
          ORIGIN,
        ]);
      }
    });

    it("lets a site's page read the 404 of a path that does not exist (a mistyped data-endpoint), not a CORS failure", async () => {
      const reply = await fetch(`${t.url}/v1/v1/sessions`, {
        method: 'POST',
        headers: { origin: ORIGIN },
        body: JSON.stringify({ token: await token({}) }),
      });
      expect(reply.status).toBe(404);
      expect(reply.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(((await reply.json()) as { error: { message: string } }).error.message).toBe(
        'no route POST /v1/v1/sessions',
      );
    });

    it('does not open the admin API to other origins', async () => {
      const reply = await fetch(`${t.url}/v1/admin/insights/summary`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN },
      });
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('errors', () => {
    it('answers unknown routes with a JSON 404 and never a stack trace', async () => {
      const reply = await send(`${t.url}/v1/nope`, {});
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
      expect(reply.text).not.toMatch(/at .*\.ts:\d+/);
    });

    it('answers a wrong method on a known path with 405 and the methods it takes in Allow', async () => {
      const health = await send(`${t.url}/v1/health`, { method: 'PUT' });
      expect([health.status, health.headers.get('allow'), health.body.error]).toEqual([
        405,
        'GET, HEAD',
        { code: 'method_not_allowed', message: 'PUT is not allowed on /v1/health (allowed: GET, HEAD)' },
      ]);
      const session = await send(`${t.url}/v1/sessions`, { method: 'DELETE', headers: { origin: ORIGIN } });
      expect([session.status, session.headers.get('allow')]).toEqual([405, 'POST']);
      // Behind the admin key, like every admin answer.
      expect((await send(`${t.url}/v1/admin/insights/summary`, { method: 'POST' })).status).toBe(401);
      const admin = await t.admin('POST', '/v1/admin/insights/summary');
      expect([admin.status, admin.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
      expect((await send(`${t.url}/v1/nope`, { method: 'PUT' })).status).toBe(404);
    });
  });
});
