import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadSitesFile, startServer } from '../src/index.ts';
import { event, openSession, send, startRefusal, startTestServer, tempDir, writeSites } from './helpers.ts';

const dir = tempDir();
afterAll(() => dir.remove());

function sitesWith(edit: (sites: Record<string, unknown>[]) => void): string {
  const file = writeSites(dir.path);
  const sites = JSON.parse(readFileSync(file, 'utf8'));
  edit(sites);
  writeFileSync(file, JSON.stringify(sites));
  return file;
}

const start = (sitesFile: string) =>
  startServer({ port: 0, db: join(dir.path, 'db.sqlite'), sitesFile, handleSignals: false, log: false, env: {} });

describe('start-up configuration', () => {
  it.each([
    [
      'a short secret',
      (s: Record<string, unknown>[]) => Object.assign(s[0] as object, { secret: 'short' }),
      '(site "acme"): [0].secret must be at least 32 bytes long',
    ],
    [
      'the placeholder secret of docs/getting-started.md',
      (s: Record<string, unknown>[]) =>
        Object.assign(s[0] as object, { secret: 'replace-me-with-32-random-bytes-from-openssl' }),
      '(site "acme"): [0].secret is the placeholder from the docs: generate a secret',
    ],
    [
      'an origin with a path',
      (s: Record<string, unknown>[]) => Object.assign(s[1] as object, { origins: ['https://a.example/x'] }),
      '(site "exp"): [1].origins[0] must be an origin',
    ],
    [
      'a page URL as an origin (a trailing slash): names the origin to write',
      (s: Record<string, unknown>[]) => Object.assign(s[0] as object, { origins: ['http://127.0.0.1:3000/'] }),
      '(site "acme"): [0].origins[0] must be an origin, without a path or a trailing slash: http://127.0.0.1:3000 (got http://127.0.0.1:3000/)',
    ],
    [
      'no billing at all: says it is missing, with the simplest one',
      (s: Record<string, unknown>[]) => {
        delete (s[0] as Record<string, unknown>).billing;
      },
      '(site "acme"): [0].billing must be an object (the field is missing), e.g. {"type": "demo"}',
    ],
    [
      'no secret: says it is missing',
      (s: Record<string, unknown>[]) => {
        delete (s[0] as Record<string, unknown>).secret;
      },
      '(site "acme"): [0].secret must be a non-empty string (the field is missing)',
    ],
    [
      'an unknown billing type',
      (s: Record<string, unknown>[]) => Object.assign(s[0] as object, { billing: { type: 'paddle' } }),
      '[0].billing.type must be "demo", "webhook" or "stripe"',
    ],
    [
      'a webhook billing without url',
      (s: Record<string, unknown>[]) =>
        Object.assign(s[0] as object, { billing: { type: 'webhook', secret: 'x'.repeat(32) } }),
      '[0].billing.url must be a non-empty string',
    ],
    [
      'a javascript: webhook url',
      (s: Record<string, unknown>[]) =>
        Object.assign(s[0] as object, { webhooks: { url: 'javascript:alert(1)', secret: 'x'.repeat(32) } }),
      '[0].webhooks.url must be an absolute http(s) URL',
    ],
    [
      'a duplicate id',
      (s: Record<string, unknown>[]) => Object.assign(s[1] as object, { id: 'acme' }),
      '[1].id "acme" is used by another site',
    ],
    [
      'an unknown field',
      (s: Record<string, unknown>[]) => Object.assign(s[2] as object, { secrets: 'x' }),
      '[2].secrets is not a known field',
    ],
    [
      'retained saves verified after a fraction of a day',
      (s: Record<string, unknown>[]) => Object.assign(s[0] as object, { retainedAfterDays: 0.5 }),
      '[0].retainedAfterDays must be a whole number of days from 1 to 365 (got 0.5)',
    ],
    [
      'a missing flow file',
      (s: Record<string, unknown>[]) => Object.assign(s[0] as object, { flow: 'missing.json' }),
      '(site "acme"): [0].flow: ',
    ],
  ])('refuses %s, naming the file and the field', async (_name, edit, message) => {
    const file = sitesWith(edit);
    const error = await start(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain(file);
    if (message.includes('.flow')) {
      expect((error as Error).message).toContain(
        `${join(dir.path, 'missing.json')}: cannot read the flow file (not found)`,
      );
    }
  });

  it('refuses an invalid flow with file:line:col messages from the core validator', async () => {
    const file = writeSites(dir.path);
    writeFileSync(join(dir.path, 'main.json'), '{\n  "id": "x",\n  "version": 0\n}');
    const error = (await start(file).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/main\.json:3:\d+ version /);
  });

  it('refuses a sites file it cannot read, saying why in words', async () => {
    const missing = join(dir.path, 'no-sites.json');
    await expect(start(missing)).rejects.toThrow(`${missing}: cannot read the sites file (not found)`);
    await expect(start(dir.path)).rejects.toThrow(`${dir.path}: cannot read the sites file (it is a folder)`);
  });

  it('reads a sites file that starts with a byte order mark, as Windows editors save it', () => {
    const file = writeSites(dir.path);
    const bom = join(dir.path, 'bom-sites.json');
    writeFileSync(bom, `\uFEFF${readFileSync(file, 'utf8')}`);
    expect(loadSitesFile(bom).map((site) => site.id)).toEqual(loadSitesFile(file).map((site) => site.id));
  });

  it('refuses a sites file that is not a JSON array', async () => {
    const file = join(dir.path, 'bad-sites.json');
    writeFileSync(file, '{"id": "acme"}');
    await expect(start(file)).rejects.toThrow(`${file}: must be a JSON array of sites`);
  });

  it('refuses a key given twice in a site, which JSON.parse would merge silently', async () => {
    const file = writeSites(dir.path);
    const source = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      source.replace('"flow": "main.json",', '"flow": "main.json",\n    "billing": { "type": "stripe" },'),
    );
    await expect(start(file)).rejects.toThrow(
      `${file} (site "acme"): [0].billing is given twice (lines 9 and 10); JSON keeps only the last one, so remove one`,
    );
    writeFileSync(file, source.replace('"type": "demo"', '"type": "demo", "type": "webhook"'));
    await expect(start(file)).rejects.toThrow(
      `${file} (site "acme"): [0].billing.type is given twice (lines 10 and 10)`,
    );
  });

  it('warns, naming the file, when the sites file holds no site', async () => {
    const file = join(dir.path, 'empty-sites.json');
    writeFileSync(file, '[]');
    const entries: { level: string; msg: string }[] = [];
    const server = await startServer({
      port: 0,
      db: join(dir.path, 'empty.sqlite'),
      sitesFile: file,
      adminKey: 'k'.repeat(32),
      widgetDir: false, // its warning is widget-warning.test.ts's
      handleSignals: false,
      log: (entry) => entries.push(entry),
      env: {},
    });
    await server.close();
    expect(entries.filter((e) => e.level === 'warn').map((e) => e.msg)).toEqual([
      `no sites configured: the sites file ${file} is an empty array; only /v1/health and the admin API work`,
    ]);
  });

  it('reads its settings from CANCELFLOW_* variables when no option is given', async () => {
    const sitesFile = writeSites(dir.path);
    const server = await startServer({
      handleSignals: false,
      log: false,
      env: {
        CANCELFLOW_PORT: '0',
        CANCELFLOW_DB: join(dir.path, 'env.sqlite'),
        CANCELFLOW_SITES: sitesFile,
        CANCELFLOW_ADMIN_KEY: 'env-admin-key',
      },
    });
    try {
      const reply = await send(`${server.url}/v1/admin/insights/summary`, {
        headers: { authorization: 'Bearer env-admin-key' },
      });
      expect(reply.status).toBe(200);
    } finally {
      await server.close();
    }
    await expect(startServer({ handleSignals: false, log: false, env: { CANCELFLOW_PORT: 'eighty' } })).rejects.toThrow(
      'CANCELFLOW_PORT must be an integer',
    );
    await expect(
      startServer({ handleSignals: false, log: false, env: { CANCELFLOW_TRUST_PROXY: 'yes' } }),
    ).rejects.toThrow('environment variable CANCELFLOW_TRUST_PROXY must be 1 or 0 (or true or false) (got "yes")');
  });

  it('says at start that the admin API is closed without a key, and warns about a short one', async () => {
    const warnings = async (adminKey: string | undefined) => {
      const entries: { level: string; msg: string }[] = [];
      const server = await startServer({
        port: 0,
        db: join(dir.path, 'keys.sqlite'),
        sitesFile: writeSites(dir.path),
        widgetDir: false, // its warning is widget-warning.test.ts's
        handleSignals: false,
        log: (entry) => entries.push(entry as { level: string; msg: string }),
        env: adminKey === undefined ? {} : { CANCELFLOW_ADMIN_KEY: adminKey },
      });
      await server.close();
      return entries.filter((e) => e.level === 'warn').map((e) => e.msg);
    };
    expect(await warnings(undefined)).toContain(
      'the admin API and the dashboard are closed: set CANCELFLOW_ADMIN_KEY to open them',
    );
    expect((await warnings('short')).join('\n')).toContain('the admin key is shorter than 32 bytes');
    expect(await warnings('k'.repeat(32))).toEqual([]);
  });

  // A --db that names something other than a SQLite file was an "unexpected error" naming nothing.
  const notADatabase = join(dir.path, 'notes.txt');
  writeFileSync(notADatabase, 'not a database, but a file the operator meant to keep\n');
  // A lock file that cannot be opened (here a folder; in production a folder the process may not
  // write to) was SQLite's bare "unable to open database file", naming no file.
  const lockedOut = join(dir.path, 'locked-out.sqlite');
  mkdirSync(`${lockedOut}.lock`);

  // Each of these used to start a server that misbehaved later: receipt links to nowhere, every request
  // refused, data in a SQLite file named after the URL, a stack trace instead of a reason.
  it.each([
    [
      { CANCELFLOW_PUBLIC_URL: 'cancel.example.com' },
      'environment variable CANCELFLOW_PUBLIC_URL must be an absolute http(s) URL, e.g. https://cancel.example.com (got "cancel.example.com")',
    ],
    [{ CANCELFLOW_RATE_LIMIT_IP: '0/0' }, 'CANCELFLOW_RATE_LIMIT_IP must look like burst/perSecond, both above 0'],
    [
      { CANCELFLOW_RATE_LIMIT_SESSION: '5/0' },
      'CANCELFLOW_RATE_LIMIT_SESSION must look like burst/perSecond, both above 0',
    ],
    [{ CANCELFLOW_PORT: '70000' }, 'environment variable CANCELFLOW_PORT must be an integer 0–65535 (got "70000")'],
    [
      { CANCELFLOW_DB: 'mysql://user:hunter2@db.internal/cf' },
      'the database "mysql://user:***@db.internal/cf" is not supported: give a SQLite file path or a postgres:// URL',
    ],
    [
      { CANCELFLOW_DB: notADatabase },
      `cannot open the database file ${notADatabase}: it is not a SQLite database (give a new file or one a cancelflow server wrote)`,
    ],
    [
      { CANCELFLOW_DB: dir.path },
      `cannot open the database file ${dir.path}: it is a folder (give the path of a file in it, e.g. cancelflow.sqlite)`,
    ],
    [
      // Node's "EEXIST: file already exists, mkdir …", naming neither the database nor the setting.
      { CANCELFLOW_DB: join(notADatabase, 'db', 'x.sqlite') },
      `cannot create the folder ${join(notADatabase, 'db')} for the database file ${join(notADatabase, 'db', 'x.sqlite')}: a file, not a folder, stands in its path`,
    ],
    [
      { CANCELFLOW_DB: lockedOut },
      `cannot open ${lockedOut}.lock, the lock file of the database ${lockedOut} (one server per SQLite file): unable to open database file (the process needs write access to the folder`,
    ],
    [
      { CANCELFLOW_DB: 'postgres://user:hunter2@127.0.0.1:1/cf' },
      'cannot connect to the database postgres://user:***@127.0.0.1:1/cf: connect ECONNREFUSED',
    ],
    [
      { CANCELFLOW_HOST: '192.0.2.1', CANCELFLOW_DB: join(dir.path, 'host.sqlite') },
      'cannot listen on host "192.0.2.1" (EADDRNOTAVAIL): give --host or CANCELFLOW_HOST an address of this machine',
    ],
    [
      {
        CANCELFLOW_WEBHOOK_RETRY_BASE_MS: '1000',
        CANCELFLOW_WEBHOOK_RETRY_MAX_MS: '10',
        CANCELFLOW_DB: join(dir.path, 'retry.sqlite'),
      },
      'environment variable CANCELFLOW_WEBHOOK_RETRY_MAX_MS (10 ms, the longest retry delay) is below environment variable CANCELFLOW_WEBHOOK_RETRY_BASE_MS (1000 ms, the first): make it at least as long',
    ],
    [
      { CANCELFLOW_MAIL_RETRY_MAX_MS: '10', CANCELFLOW_DB: join(dir.path, 'retry.sqlite') },
      'environment variable CANCELFLOW_MAIL_RETRY_MAX_MS (10 ms, the longest retry delay) is below the default of CANCELFLOW_MAIL_RETRY_BASE_MS (30000 ms, the first)',
    ],
  ])('refuses to start with %o, saying why', async (env, message) => {
    const error = await startRefusal({ handleSignals: false, log: false, env: { CANCELFLOW_PORT: '0', ...env } });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('hunter2');
    expect(existsSync('mysql:')).toBe(false);
    expect(readFileSync(notADatabase, 'utf8')).toBe('not a database, but a file the operator meant to keep\n');
  });
});

describe('the port option from JavaScript', () => {
  // A string made Node listen on a pipe named after it ("started" at http://127.0.0.1:undefined);
  // -1 and 1.5 were Node's RangeError, not a ConfigError the CLI prints as one line.
  it.each([['http'], [''], [-1], [1.5], [70000]])('refuses %o, naming the option', async (port) => {
    const error = await startRefusal({
      port: port as number,
      db: ':memory:',
      widgetDir: false,
      handleSignals: false,
      log: false,
      env: {},
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`the option port must be an integer 0–65535 (got ${JSON.stringify(port)})`);
  });

  it('still takes a string of digits as the port it names', async () => {
    const server = await startServer({
      port: '0' as unknown as number,
      db: ':memory:',
      widgetDir: false,
      handleSignals: false,
      log: false,
      env: {},
    });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await server.close();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After per address and per session', async () => {
    const t = await startTestServer({
      rateLimits: { perIp: { burst: 5, perSecond: 0.01 }, perSession: { burst: 100, perSecond: 1 } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await t.call('GET', '/v1/receipts/rcp_x')).status);
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
      const limited = await t.call('GET', '/v1/receipts/rcp_x');
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await send(`${t.url}/v1/health`, {})).status).toBe(200);
    } finally {
      await t.close();
    }
    const s = await startTestServer({
      rateLimits: { perIp: { burst: 1000, perSecond: 1000 }, perSession: { burst: 2, perSecond: 0.01 } },
    });
    try {
      const session = await openSession(s);
      const accept = () =>
        s.call('POST', `/v1/sessions/${session.sessionId}/accept`, { sessionKey: session.sessionKey, offerId: 'nope' });
      expect([(await accept()).status, (await accept()).status, (await accept()).status]).toEqual([403, 403, 429]);
    } finally {
      await s.close();
    }
  });

  it("does not let a stranger who knows a session id use up that session's allowance", async () => {
    const s = await startTestServer({
      rateLimits: { perIp: { burst: 1000, perSecond: 1000 }, perSession: { burst: 2, perSecond: 0.01 } },
    });
    try {
      const session = await openSession(s);
      const { sessionId } = session;
      for (let i = 0; i < 5; i++) {
        expect((await s.call('POST', `/v1/sessions/${sessionId}/cancel`, { sessionKey: 'guessed' })).status).toBe(401);
        const events = await s.call('POST', '/v1/events', {
          events: [event(sessionId, 'reason_selected', { reasonId: 'too_expensive' })],
          keys: { [sessionId]: 'guessed' },
        });
        expect(events.body.rejected.map((r: { code: string }) => r.code)).toEqual(['bad_key']);
      }
      // The owner still has its whole allowance: one event batch and one cancel.
      const own = await s.call('POST', '/v1/events', {
        events: [event(sessionId, 'reason_selected', { reasonId: 'too_expensive' })],
        keys: { [sessionId]: session.sessionKey },
      });
      expect(own.status).toBe(200);
      expect(
        (await s.call('POST', `/v1/sessions/${sessionId}/cancel`, { sessionKey: session.sessionKey })).status,
      ).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight before closing', async () => {
    // A billing endpoint that holds the accept until the test lets it go.
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const billing = createServer((_req, res) => {
      arrived();
      release = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => billing.listen(0, '127.0.0.1', resolve));
    const t = await startTestServer({ billingUrl: `http://127.0.0.1:${(billing.address() as AddressInfo).port}/` });
    try {
      const session = await openSession(t, {}, 'hooked');
      const inFlight = t.call(
        'POST',
        `/v1/sessions/${session.sessionId}/accept`,
        { sessionKey: session.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } },
        { origin: 'https://hooked.example' },
      );
      await reached;
      const closing = t.server.close();
      let closed = false;
      void closing.then(() => {
        closed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(false);
      await expect(fetch(`${t.url}/v1/health`)).rejects.toThrow();
      release();
      const reply = await inFlight;
      await closing;
      expect(reply.status).toBe(200);
    } finally {
      billing.close();
      await t.close();
    }
  });
});
