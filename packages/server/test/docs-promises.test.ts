import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, openSession, SECRETS, startTestServer, type TestServer, token } from './helpers.ts';

/**
 * docs/security.md's table "What the browser can and cannot forge", checked row by row against a
 * running server: each row's effect names a status (or an error code) that the attack must get. A
 * row added to the table without a check here fails this test, and so does a check whose row is gone.
 */
function forgeryTable(): Map<string, string> {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/security.md', import.meta.url)), 'utf8');
  const start = doc.indexOf('## What the browser can and cannot forge');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  const rows = new Map<string, string>();
  for (const [, action, effect] of section.matchAll(/^\| ([^|]+?) +\| ([^|]+?) +\|$/gm)) {
    if (action === 'the browser can…' || /^-+$/.test(action as string)) continue;
    rows.set(action as string, effect as string);
  }
  return rows;
}

/** What a row's effect promises: its first HTTP status, else its first `code`. */
const promised = (effect: string) => /\b([1-5]\d\d)\b/.exec(effect)?.[1] ?? /`([a-z_]+)`/.exec(effect)?.[1];

describe('docs/security.md: what the browser can and cannot forge', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      rateLimits: { perIp: { burst: 1000, perSecond: 1000 }, perSession: { burst: 3, perSecond: 0.01 } },
    });
  });
  afterAll(() => t?.close());

  const start = (jwt: string, headers: Record<string, string> = {}) =>
    t.call('POST', '/v1/sessions', { token: jwt, locale: {} }, headers);
  const status = async (reply: Promise<{ status: number }>) => String((await reply).status);

  /** Each attack, as a site's subscriber could run it; resolves with what the server answered. */
  const attacks: Record<string, () => Promise<string | undefined>> = {
    "edit the token's claims": async () => {
      const [header, payload, signature] = (await token({ plan: 'pro' })).split('.') as [string, string, string];
      const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), plan: 'vip' };
      return status(start(`${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`));
    },
    'send a token of another site': async () => status(start(await token({}, { site: 'exp', secret: SECRETS.acme }))),
    'replay an old token': async () => {
      const reply = await start(await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }));
      return reply.status === 401 ? 'refused' : String(reply.status);
    },
    'accept an offer it was not shown or not eligible for': async () => {
      const s = await openSession(t, { sub: 'forge_not_shown' });
      return status(
        t.call('POST', `/v1/sessions/${s.sessionId}/accept`, {
          sessionKey: s.sessionKey,
          offerId: 'pause',
          reasonId: 'too_expensive',
          choice: { months: 1 },
        }),
      );
    },
    'accept twice, or accept after the cancel': async () => {
      const s = await openSession(t, { sub: 'forge_twice' });
      const body = { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' };
      expect((await t.call('POST', `/v1/sessions/${s.sessionId}/accept`, body)).status).toBe(200);
      const again = await status(t.call('POST', `/v1/sessions/${s.sessionId}/accept`, body));
      const c = await openSession(t, { sub: 'forge_late' });
      expect((await t.call('POST', `/v1/sessions/${c.sessionId}/cancel`, { sessionKey: c.sessionKey })).status).toBe(
        200,
      );
      const late = await status(
        t.call('POST', `/v1/sessions/${c.sessionId}/accept`, { ...body, sessionKey: c.sessionKey }),
      );
      return again === late ? again : `${again}/${late}`;
    },
    'pick a pause longer than allowed, or an unlisted plan': async () => {
      const s = await openSession(t, { sub: 'forge_bounds' });
      const accept = (offerId: string, reasonId: string, choice: object) =>
        status(
          t.call('POST', `/v1/sessions/${s.sessionId}/accept`, { sessionKey: s.sessionKey, offerId, reasonId, choice }),
        );
      const pause = await accept('pause', 'not_using', { months: 12 });
      const plan = await accept('downgrade', 'missing', { planId: 'platinum' });
      return pause === plan ? pause : `${pause}/${plan}`;
    },
    "call the API from another site's page": async () =>
      status(start(await token({}), { origin: 'https://evil.example' })),
    'post events for a session it has no key for': async () => {
      const s = await openSession(t, { sub: 'forge_key' });
      const reply = await t.call('POST', '/v1/events', {
        events: [event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' })],
        keys: { [s.sessionId]: 'not-the-key' },
      });
      return reply.body.rejected?.[0]?.code;
    },
    "start a session under another subscriber's id": async () => {
      const s = await openSession(t, { sub: 'forge_owner' });
      const body = { token: await token({ sub: 'forge_taker' }), locale: {}, sessionId: s.sessionId };
      const reply = await t.call('POST', '/v1/sessions', body);
      return reply.text.includes('forge_owner') ? 'answered the session' : String(reply.status);
    },
    'flood the API': async () => {
      const s = await openSession(t, { sub: 'forge_flood' });
      const replies = [];
      for (let i = 0; i < 5; i++) {
        replies.push(await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }));
      }
      const limited = replies.find((r) => r.status === 429);
      return limited?.headers.get('retry-after') ? '429' : 'no 429 with Retry-After';
    },
  };
  /** Rows whose effect is behaviour rather than a refusal, and the tests that check it. */
  const checkedElsewhere: Record<string, string> = {
    'post invented events for its own session': 'events.test.ts (only `abandoned` is taken from the browser)',
    'suppress `offer_shown` events': 'offers.test.ts (cooldowns from accepted offers and reported shows)',
    'send a NUL character (U+0000), which Postgres cannot store': 'nul-input.test.ts (on SQLite and Postgres)',
    'send an unpaired UTF-16 surrogate (`"\\ud800"`), which has no UTF-8 form':
      'unpaired-surrogate.test.ts (on SQLite and Postgres)',
  };

  it('has a check for every row, and a row for every check', () => {
    const rows = [...forgeryTable().keys()].sort();
    expect(rows.length).toBeGreaterThan(8);
    expect(rows).toEqual([...Object.keys(attacks), ...Object.keys(checkedElsewhere)].sort());
  });

  for (const [action, attack] of Object.entries(attacks)) {
    it(`${action}: answered as documented`, async () => {
      const effect = forgeryTable().get(action) ?? '';
      const expected = effect.startsWith('refused') ? 'refused' : promised(effect);
      expect(expected, effect).toBeDefined();
      expect(await attack()).toBe(expected);
    });
  }
});
