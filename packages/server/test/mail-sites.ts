import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS } from '@cancelflow/core';
import { expect } from 'vitest';
import type { StartServerOptions } from '../src/index.ts';
import type { MailSenderOptions } from '../src/mail/options.ts';
import type { Backend } from './backends.ts';
import {
  openSession,
  type SitesOptions,
  startTestServer,
  type TestServer,
  tempDir,
  token,
  writeSites,
} from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';

export const FROM = 'Acme Billing <billing@acme.example>';

/** A win-back sequence for the test flow: an offer after 7 days, a plain reminder after 30. */
export const WINBACK = {
  reasons: ['not_using', 'too_expensive'],
  steps: [
    { afterDays: 7, offer: 'discount_30' },
    { afterDays: 30, subject: { en: 'Still thinking about it?', de: 'Noch am Überlegen?' } },
  ],
};

/**
 * The test sites (helpers.ts) with `acme` sending follow-up mail as `mail` says, and its flow
 * changed by `flow` if given; returns the sites file's path.
 */
export function writeMailSites(
  dir: string,
  mail: Record<string, unknown>,
  options: SitesOptions = {},
  flow?: (flow: Record<string, unknown>) => void,
): string {
  const sites = JSON.parse(readFileSync(writeSites(dir, options), 'utf8')) as Record<string, unknown>[];
  const acme = sites.find((s) => s.id === 'acme') as Record<string, unknown>;
  acme.mail = mail;
  if (flow) {
    // A file of its own: startTestServer writes main.json again.
    const main = JSON.parse(readFileSync(join(dir, 'main.json'), 'utf8'));
    flow(main);
    writeFileSync(join(dir, 'mail-flow.json'), JSON.stringify(main));
    acme.flow = 'mail-flow.json';
  }
  const file = join(dir, 'mail-sites.json');
  writeFileSync(file, JSON.stringify(sites, null, 2));
  return file;
}

export type MailServerArgs = [
  mail?: Record<string, unknown>,
  sender?: Partial<MailSenderOptions>,
  setup?: SitesOptions & {
    templates?: Record<string, string>;
    flow?: (flow: Record<string, unknown>) => void;
    now?: StartServerOptions['now'];
  },
];

/**
 * A loopback SMTP server and the server in-process, sending to it (or as `mail` says), with quick
 * polls and retries; `cleanups` gets what to stop and remove.
 */
export async function startMailServer(
  cleanups: (() => unknown)[],
  backend: Backend,
  ...[mail, sender = {}, setup = {}]: MailServerArgs
): Promise<{ catcher: MailCatcher; t: TestServer }> {
  const catcher = new MailCatcher();
  await catcher.up();
  cleanups.push(() => catcher.down());
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  if (setup.templates) {
    mkdirSync(join(dir.path, 'templates'));
    for (const [name, text] of Object.entries(setup.templates)) writeFileSync(join(dir.path, 'templates', name), text);
  }
  const config = mail ?? { smtp: catcher.url, from: FROM, ...(setup.templates ? { templates: 'templates' } : {}) };
  const sitesFile = writeMailSites(dir.path, config, setup, setup.flow);
  const t = await startTestServer({
    dir: dir.path,
    sitesFile,
    backend,
    mail: { pollMs: 50, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 5_000, leaseMs: 10_000, ...sender },
    ...(setup.now ? { now: setup.now } : {}),
  });
  cleanups.push(() => t.close());
  return { catcher, t };
}

/** The server's clock: stands still unless a test moves it (messages queued one after another share a moment). */
export class Clock {
  private at = Date.now();
  readonly now = () => new Date(this.at);
  advanceDays(days: number) {
    this.at += days * DAY_MS;
  }
}

/** `startMailServer` on a clock the test moves, with a win-back sequence (default `WINBACK`). */
export async function startWinbackServer(
  cleanups: (() => unknown)[],
  backend: Backend,
  sequence: object = WINBACK,
): Promise<{ catcher: MailCatcher; t: TestServer; clock: Clock }> {
  const clock = new Clock();
  const started = await startMailServer(
    cleanups,
    backend,
    undefined,
    {},
    { now: clock.now, flow: (flow) => Object.assign(flow, { winback: sequence }) },
  );
  return { ...started, clock };
}

/** A pause accepted, so the "saved" confirmation is queued; returns the accept's answer. */
export async function savePause(t: TestServer, claims: Record<string, unknown>) {
  const s = await openSession(t, claims);
  const reply = await t.call('POST', `/v1/sessions/${s.sessionId}/accept`, {
    sessionKey: s.sessionKey,
    offerId: 'pause',
    reasonId: 'not_using',
    choice: { months: 2 },
  });
  expect(reply.status).toBe(200);
  return reply.body as { result: { resumesOn: string } };
}

/** Starts a session for `claims` and confirms its cancel; returns the receipt. */
export async function cancel(
  t: TestServer,
  claims: Record<string, unknown>,
  locale = 'en-US',
  reasonId = 'not_using',
): Promise<{ id: string; url: string; sessionId: string }> {
  const started = await t.call('POST', '/v1/sessions', { token: await token(claims), locale: { browser: [locale] } });
  expect(started.status).toBe(201);
  const { sessionId, sessionKey } = started.body;
  const reply = await t.call('POST', `/v1/sessions/${sessionId}/cancel`, { sessionKey, reasonId });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** A URL of `path` found in a message's plain text, e.g. `/v1/mail/undo`. */
export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}\\?t=[\\w.-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}

/** POSTs a link's token as the page's form does (the button on the page a link opens). */
export function pressButton(link: string) {
  const url = new URL(link);
  const t = url.searchParams.get('t') ?? '';
  return fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `t=${t}`,
  }).then(async (r) => ({ status: r.status, text: await r.text() }));
}
