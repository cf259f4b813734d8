import { afterEach, describe, expect, it } from 'vitest';
import { loadSitesFile, SiteRegistry } from '../src/config/sites.ts';
import { openDatabase } from '../src/db/connect.ts';
import { silentLogger } from '../src/http/log.ts';
import { enqueueWebhook } from '../src/webhooks/outbox.ts';
import { DEFAULT_WEBHOOK_OPTIONS, WebhookSender } from '../src/webhooks/sender.ts';
import { BACKENDS, createPgDatabase } from './backends.ts';
import { tempDir, writeSites } from './helpers.ts';
import { Receiver, until } from './receiver.ts';
import { staleReader } from './stale-reader.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(BACKENDS)('webhook sender, two processes (%s)', (backend) => {
  it('does not send again a delivery it read before another process tried it and failed', async () => {
    const receiver = new Receiver();
    receiver.respond = () => 503;
    await receiver.up();
    cleanups.push(() => receiver.down());
    const temp = tempDir();
    cleanups.push(() => temp.remove());
    const pgDatabase = backend === 'postgres' ? await createPgDatabase() : undefined;
    if (pgDatabase) cleanups.push(() => pgDatabase.drop());
    const db = await openDatabase(pgDatabase?.url ?? `${temp.path}/cancelflow.sqlite`);
    cleanups.push(() => db.close());
    const sites = new SiteRegistry(loadSitesFile(writeSites(temp.path, { webhookUrl: receiver.url })));
    const site = sites.get('acme');
    if (!site) throw new Error('no acme site');
    await enqueueWebhook(db.kysely, site, 'session.completed', { sessionId: 'ses_x' }, new Date(), 'cus_1');

    // A retry is a minute away at the earliest, and nothing polls in between.
    const options = { ...DEFAULT_WEBHOOK_OPTIONS, baseDelayMs: 120_000, maxDelayMs: 120_000, pollMs: 600_000 };
    const stale = staleReader();
    const late = new WebhookSender(db.kysely.withPlugin(stale.plugin), sites, silentLogger, options);
    const first = new WebhookSender(db.kysely, sites, silentLogger, options);
    cleanups.push(() => late.stop());
    cleanups.push(() => first.stop());

    late.start();
    await stale.hasRead; // `late` saw the delivery due, unleased, never tried
    first.start();
    await until(() => receiver.received.length === 1, 10_000, 'the first try');
    await until(
      async () =>
        (await db.kysely.selectFrom('webhook_outbox').select('attempts').executeTakeFirstOrThrow()).attempts === 1,
      10_000,
      'the failed try recorded',
    );
    stale.release();
    await until(() => stale.claims.length === 1, 10_000, 'the late claim');

    expect(stale.claims).toEqual([0]);
    await late.stop();
    expect(receiver.received).toHaveLength(1);
    const row = await db.kysely.selectFrom('webhook_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.next_attempt_at > new Date().toISOString()).toBe(true);
  }, 30_000);
});
