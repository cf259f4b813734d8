import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS } from '@cancelflow/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { ORIGIN, send, tempDir, token } from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';
import { WINBACK, writeMailSites } from './mail-sites.ts';
import { killServers, spawnServer } from './process.ts';
import { until } from './receiver.ts';

afterEach(killServers);

/** Quick polls and retries; a lease a dead sender's messages wait out (the send timeout stays below it). */
const MAIL_ENV = {
  CANCELFLOW_MAIL_POLL_MS: '20',
  CANCELFLOW_MAIL_RETRY_BASE_MS: '20',
  CANCELFLOW_MAIL_RETRY_MAX_MS: '100',
  CANCELFLOW_MAIL_TIMEOUT_MS: '4000',
  CANCELFLOW_MAIL_LEASE_MS: '5000',
};

async function cancelAt(url: string, sub: string, reasonId?: string) {
  const started = await send(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ token: await token({ sub, email: `${sub}@example.com` }), locale: {} }),
  });
  const { sessionId, sessionKey } = started.body as { sessionId: string; sessionKey: string };
  const reply = await send(`${url}/v1/sessions/${sessionId}/cancel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ sessionKey, ...(reasonId ? { reasonId } : {}) }),
  });
  expect(reply.status).toBe(200);
}

/** Runs a spawned server's clock `days` ahead of real time (test/shifted-clock.ts reads the file). */
function shiftedClock(dir: string) {
  const file = join(dir, 'clock');
  const move = (days: number) => writeFileSync(file, String(days * DAY_MS));
  move(0);
  const preload = new URL('./shifted-clock.ts', import.meta.url).href;
  return { move, env: { CANCELFLOW_TEST_CLOCK_FILE: file, NODE_OPTIONS: `--import=${preload}` } };
}

/** The subjects each recipient was sent, in order. */
const subjectsByRecipient = (catcher: MailCatcher) =>
  Object.fromEntries(
    catcher.accepted.map((m) => [m.to, catcher.accepted.filter((o) => o.to === m.to).map((o) => o.subject)]),
  );

/** Each recipient's accepted messages, by Message-ID. */
const byRecipient = (catcher: MailCatcher) =>
  Object.fromEntries(catcher.accepted.map((m) => [m.to, catcher.accepted.filter((o) => o.to === m.to).length]));

/** Whether each connection error the catcher saw is one a killed sender causes (its socket reset). */
const resetByTheKill = (catcher: MailCatcher) =>
  catcher.connectionErrors.every((e) => ['ECONNRESET', 'EPIPE'].includes((e as NodeJS.ErrnoException).code ?? ''));

describe('follow-up mail across crashes and processes', () => {
  it('after a SIGKILL mid-send, a restart sends what was not accepted once, and nothing accepted again', async () => {
    const dir = tempDir();
    const catcher = new MailCatcher();
    await catcher.up();
    try {
      const sitesFile = writeMailSites(dir.path, { smtp: catcher.url, from: 'Acme <billing@acme.example>' });
      const env = {
        CANCELFLOW_DB: `${dir.path}/mail.sqlite`,
        CANCELFLOW_SITES: sitesFile,
        ...MAIL_ENV,
      };
      const first = await spawnServer(env);
      await cancelAt(first.url, 'crash_sent');
      await until(() => catcher.accepted.length === 1, 10_000, 'the first message');

      // The SMTP server now takes the data but does not answer: the sender is mid-send when it dies.
      catcher.hold = true;
      await cancelAt(first.url, 'crash_held_1');
      await cancelAt(first.url, 'crash_held_2');
      // The sender may be on the first when it dies, or on both: either way neither was accepted.
      await until(() => catcher.held.length >= 1, 20_000, 'a message in flight');
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      catcher.hold = false;
      await until(() => catcher.heldConnectionsClosed(), 10_000, 'the dead connections to close');
      expect(await catcher.release()).toBe(0); // their connections died: never accepted
      expect(resetByTheKill(catcher)).toBe(true);

      const second = await spawnServer(env);
      await until(() => catcher.accepted.length === 3, 60_000, 'the two messages, after the lease ran out');
      expect(await second.stop()).toBe(0); // the sender has stopped: nothing else can arrive
      expect(byRecipient(catcher)).toEqual({
        'crash_sent@example.com': 1,
        'crash_held_1@example.com': 1,
        'crash_held_2@example.com': 1,
      });
      expect(new Set(catcher.accepted.map((m) => m.messageId)).size).toBe(3);
    } finally {
      await catcher.down();
      dir.remove();
    }
  }, 180_000);

  it('a win-back sequence survives a SIGKILL mid-step: after a restart each step is sent once, none lost', async () => {
    const dir = tempDir();
    const catcher = new MailCatcher();
    await catcher.up();
    try {
      const sitesFile = writeMailSites(
        dir.path,
        { smtp: catcher.url, from: 'Acme <billing@acme.example>' },
        {},
        (flow) => Object.assign(flow, { winback: WINBACK }),
      );
      const clock = shiftedClock(dir.path);
      const env = {
        CANCELFLOW_DB: `${dir.path}/winback.sqlite`,
        CANCELFLOW_SITES: sitesFile,
        ...MAIL_ENV,
        ...clock.env,
      };
      const first = await spawnServer(env);
      await cancelAt(first.url, 'wb_crash_1', 'not_using');
      await cancelAt(first.url, 'wb_crash_2', 'not_using');
      await until(() => catcher.accepted.length === 2, 10_000, 'both confirmations');

      // A week on, the first step falls due; the SMTP server holds it, and the process dies mid-send.
      catcher.hold = true;
      clock.move(7);
      await until(() => catcher.held.length >= 1, 20_000, 'a win-back in flight');
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      catcher.hold = false;
      await until(() => catcher.heldConnectionsClosed(), 10_000, 'the dead connections to close');
      expect(await catcher.release()).toBe(0);
      expect(resetByTheKill(catcher)).toBe(true);

      const second = await spawnServer(env);
      await until(() => catcher.accepted.length === 4, 60_000, 'both first steps, after the lease ran out');
      clock.move(30);
      await until(() => catcher.accepted.length === 6, 60_000, 'both second steps');
      clock.move(400);
      // A later poll finds nothing else due; stopping the process ends its sender.
      expect(await second.stop()).toBe(0);
      const sequence = ['Your cancellation is confirmed', "We'd love to have you back", 'Still thinking about it?'];
      expect(subjectsByRecipient(catcher)).toEqual({
        'wb_crash_1@example.com': sequence,
        'wb_crash_2@example.com': sequence,
      });
      expect(new Set(catcher.accepted.map((m) => m.messageId)).size).toBe(6);
    } finally {
      await catcher.down();
      dir.remove();
    }
  }, 240_000);

  it.skipIf(!TEST_PG)(
    'two server processes on one Postgres never send one message twice',
    async () => {
      const dir = tempDir();
      const catcher = new MailCatcher();
      await catcher.up();
      const pg = await createPgDatabase();
      try {
        const sitesFile = writeMailSites(dir.path, { smtp: catcher.url, from: 'Acme <billing@acme.example>' });
        const env = { CANCELFLOW_DB: pg.url, CANCELFLOW_SITES: sitesFile, ...MAIL_ENV };
        const a = await spawnServer(env);
        const b = await spawnServer(env);
        const subs = Array.from({ length: 20 }, (_, i) => `pg_${i}`);
        // Alternate the processes: each wakes its own sender, and both poll every 20 ms for all rows.
        for (const [i, sub] of subs.entries()) await cancelAt(i % 2 === 0 ? a.url : b.url, sub);
        await until(() => catcher.accepted.length >= subs.length, 60_000, 'every message');
        expect(await a.stop()).toBe(0);
        expect(await b.stop()).toBe(0);
        expect(catcher.accepted).toHaveLength(subs.length);
        expect(Object.values(byRecipient(catcher)).every((n) => n === 1)).toBe(true);
      } finally {
        killServers();
        await catcher.down();
        await pg.drop();
        dir.remove();
      }
    },
    180_000,
  );
});
