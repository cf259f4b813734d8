import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubscriberClaims } from '@cancelflow/core';
import { SignJWT } from 'jose';
import { type RunningServer, type StartServerOptions, startServer } from '../src/index.ts';
import { type Backend, createPgDatabase } from './backends.ts';
import { experimentFlow, mainFlow } from './fixtures/flows.ts';

export const ORIGIN = 'https://app.acme.example';
export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const SECRETS = {
  acme: 'acme-secret-0123456789abcdef0123456789',
  exp: 'exp-secret-0123456789abcdef0123456789ab',
  hooked: 'hooked-secret-0123456789abcdef01234567',
} as const;
export const WEBHOOK_SECRET = 'webhook-secret-0123456789abcdef012345';
export const BILLING_SECRET = 'billing-secret-0123456789abcdef012345';

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'cancelflow-server-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface SitesOptions {
  /** Where `acme` sends its webhooks. */
  readonly webhookUrl?: string;
  /** Where `exp` sends its webhooks. */
  readonly expWebhookUrl?: string;
  /** Where the `hooked` site's webhook billing plugin posts. */
  readonly billingUrl?: string;
}

/** Writes the flows and a sites file into `dir`; returns the sites file's path. */
export function writeSites(dir: string, options: SitesOptions = {}): string {
  writeFileSync(join(dir, 'main.json'), JSON.stringify(mainFlow));
  writeFileSync(join(dir, 'exp.json'), JSON.stringify(experimentFlow));
  const sites = [
    {
      id: 'acme',
      secret: SECRETS.acme,
      origins: [ORIGIN],
      flow: 'main.json',
      billing: { type: 'demo' },
      ...(options.webhookUrl ? { webhooks: { url: options.webhookUrl, secret: WEBHOOK_SECRET } } : {}),
    },
    {
      id: 'exp',
      secret: SECRETS.exp,
      origins: [ORIGIN],
      flow: 'exp.json',
      billing: { type: 'demo' },
      ...(options.expWebhookUrl ? { webhooks: { url: options.expWebhookUrl, secret: WEBHOOK_SECRET } } : {}),
    },
    {
      id: 'hooked',
      secret: SECRETS.hooked,
      origins: ['https://hooked.example'],
      flow: 'main.json',
      billing: { type: 'webhook', url: options.billingUrl ?? 'http://127.0.0.1:9/unused', secret: BILLING_SECRET },
    },
  ];
  const file = join(dir, 'sites.json');
  writeFileSync(file, JSON.stringify(sites, null, 2));
  return file;
}

export interface TestServer {
  readonly url: string;
  readonly dir: string;
  /** The database: the SQLite file, or on the `postgres` backend the Postgres URL (`openDatabase` takes both). */
  readonly dbFile: string;
  readonly server: RunningServer;
  /** JSON request with the allowed Origin; returns status, headers and parsed body. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  admin(method: string, path: string): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  readonly body: any;
  readonly text: string;
}

export async function send(url: string, init: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/**
 * A JSON POST as the widget sends it from a page on `origin`, with an `Idempotency-Key` when given,
 * to the server at `base()` (read at each call: process tests learn the URL in `beforeAll`).
 */
export function browserPost(base: () => string, origin: string) {
  return (path: string, body: unknown, key?: string): Promise<Reply> =>
    send(`${base()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
}

/** What `startServer(options)` fails with, for options it must refuse (a server it did start is closed: no error). */
export function startRefusal(options: StartServerOptions): Promise<unknown> {
  return startServer(options).then(
    (server) => server.close().then(() => undefined),
    (reason: unknown) => reason,
  );
}

/**
 * Starts the real server on a free loopback port with a real SQLite file in a temp dir, or with a
 * fresh database on the test Postgres server (`backend: 'postgres'`, see backends.ts).
 */
export async function startTestServer(
  options: Partial<StartServerOptions> & SitesOptions & { dir?: string; backend?: Backend } = {},
): Promise<TestServer> {
  const temp = options.dir ? undefined : tempDir();
  const dir = options.dir ?? (temp as { path: string }).path;
  const pgDatabase = options.backend === 'postgres' ? await createPgDatabase() : undefined;
  const dbFile = pgDatabase?.url ?? join(dir, 'cancelflow.sqlite');
  const server = await startServer({
    port: 0,
    db: dbFile,
    sitesFile: writeSites(dir, options),
    adminKey: ADMIN_KEY,
    handleSignals: false,
    log: false,
    env: {},
    rateLimits: {
      perIp: { burst: 100_000, perSecond: 100_000 },
      perSession: { burst: 10_000, perSecond: 10_000 },
      perSubscriber: { burst: 100_000, perSecond: 100_000 },
    },
    webhooks: { pollMs: 50, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2000 },
    ...options,
  });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    send(`${server.url}${path}`, {
      method,
      headers: { origin: ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    url: server.url,
    dir,
    dbFile,
    server,
    call,
    admin: (method, path) =>
      send(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_KEY}` } }),
    async close() {
      await server.close();
      await pgDatabase?.drop();
      temp?.remove();
    },
  };
}

/**
 * A token as a site's server signs it. `at`: signed at that moment (a test server's own clock): `iat`
 * is `at`, and `exp` 10 minutes on unless `expiresIn` gives it (the server refuses a token that lives
 * longer than 24 hours, measured from its own clock).
 */
export async function token(
  claims: Partial<SubscriberClaims> & Record<string, unknown>,
  options: {
    site?: keyof typeof SECRETS;
    secret?: string;
    expiresIn?: string | number;
    noExp?: boolean;
    at?: Date;
  } = {},
): Promise<string> {
  const site = options.site ?? 'acme';
  const iat = options.at ? Math.floor(options.at.getTime() / 1000) : undefined;
  let jwt = new SignJWT({ sub: 'cus_1', plan: 'pro', mrr: 49, currency: 'USD', periodEnd: '2099-12-31', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(site)
    .setIssuedAt(iat);
  if (!options.noExp) jwt = jwt.setExpirationTime(options.expiresIn ?? (iat === undefined ? '10m' : iat + 600));
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRETS[site]));
}

export interface StartedSession {
  readonly sessionId: string;
  readonly sessionKey: string;
  // biome-ignore lint/suspicious/noExplicitAny: the SessionStart JSON
  readonly body: any;
}

export async function openSession(
  t: TestServer,
  claims: Partial<SubscriberClaims> & Record<string, unknown> = {},
  site: keyof typeof SECRETS = 'acme',
  /** The server's clock, when a test moved it: the token is signed at that moment (see `token`). */
  at?: Date,
): Promise<StartedSession> {
  const reply = await t.call(
    'POST',
    '/v1/sessions',
    { token: await token(claims, { site, ...(at ? { at } : {}) }), locale: { browser: ['en-US'] } },
    site === 'hooked' ? { origin: 'https://hooked.example' } : {},
  );
  if (reply.status !== 201) throw new Error(`session start failed: ${reply.status} ${reply.text}`);
  return { sessionId: reply.body.sessionId, sessionKey: reply.body.sessionKey, body: reply.body };
}

let counter = 0;
/** A well-formed event of `type` for a session. */
export function event(sessionId: string, type: string, payload: Record<string, unknown>, id?: string) {
  counter += 1;
  return {
    id: id ?? `evt_${process.pid}_${Date.now()}_${counter}`,
    sessionId,
    at: new Date().toISOString(),
    type,
    payload,
  };
}
