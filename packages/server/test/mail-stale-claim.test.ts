import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { billingRegistry } from '../src/billing/index.ts';
import { loadSitesFile, SiteRegistry } from '../src/config/sites.ts';
import { openDatabase } from '../src/db/connect.ts';
import { silentLogger } from '../src/http/log.ts';
import { DEFAULT_MAIL_OPTIONS } from '../src/mail/options.ts';
import { MailSender } from '../src/mail/sender.ts';
import { BACKENDS } from './backends.ts';
import { cancel, startMailServer } from './mail-sites.ts';
import { until } from './receiver.ts';
import { staleReader } from './stale-reader.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR_MS = 3_600_000;
// A retry is one to two minutes away (backoff with jitter): due an hour on, not due again right after.
const RETRY = { baseDelayMs: 120_000, maxDelayMs: 120_000 };

/** The server's clock: stands still until the test moves it. */
class Clock {
  private at = Date.now();
  readonly now = () => new Date(this.at);
  advance(ms: number) {
    this.at += ms;
  }
}

describe.each(BACKENDS)('mail sender, two processes (%s)', (backend) => {
  it('does not send again a message it read as due before another process tried it and failed', async () => {
    const clock = new Clock();
    // The server's sender is the first process; it polls often, so it tries a retry once its clock says it is due.
    const { catcher, t } = await startMailServer(cleanups, backend, undefined, RETRY, { now: clock.now });
    catcher.reject = () => true; // the mail server answers 451 (try again later) every time
    await cancel(t, { sub: 'stale', email: 'stale@example.com' });
    const outbox = await openDatabase(t.dbFile);
    cleanups.push(() => outbox.close());
    const row = () => outbox.kysely.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    await until(async () => (await row()).attempts === 1, 10_000, 'the first try failed and recorded');

    // The second process reads (through a database connection of its own) an hour on, when the retry is due.
    const later = clock.now().getTime() + HOUR_MS;
    const sites = new SiteRegistry(loadSitesFile(join(t.dir, 'mail-sites.json')));
    const stale = staleReader();
    const db = outbox.kysely.withPlugin(stale.plugin);
    const late = new MailSender(
      {
        db,
        sites,
        billingFor: billingRegistry(db, sites.sites),
        log: silentLogger,
        now: () => new Date(later),
        wakeWebhooks: () => {},
      },
      { ...DEFAULT_MAIL_OPTIONS, ...RETRY, pollMs: 600_000, timeoutMs: 5_000, leaseMs: 10_000 },
    );
    cleanups.push(() => late.stop());
    late.start(t.url);
    await stale.hasRead; // `late` saw the message due, unleased, tried once

    clock.advance(HOUR_MS); // the server's sender now finds the retry due too: it tries, and fails again
    await until(() => catcher.rejected === 2, 10_000, 'the second try');
    await until(async () => (await row()).attempts === 2, 10_000, 'the second failed try recorded');
    stale.release();
    await until(() => stale.claims.length === 1, 10_000, 'the late claim');

    expect(stale.claims).toEqual([0]);
    await late.stop();
    expect(catcher.rejected).toBe(2);
    expect(catcher.accepted).toHaveLength(0);
    const after = await row();
    expect(after.attempts).toBe(2);
    expect(after.next_attempt_at > new Date(later).toISOString()).toBe(true); // left to its backoff
  }, 30_000);
});
