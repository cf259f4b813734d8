import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadSitesFile,
  openDatabase,
  seedSampleHistory,
  seedSubscriptions,
  startServer,
} from '../src/index.ts';
import { openSession, startTestServer, type TestServer, tempDir } from './helpers.ts';

/** A stand-in for the widget's dist folder: what the server serves is whatever the build wrote. */
function fakeWidget(dir: string): string {
  const widget = join(dir, 'widget');
  mkdirSync(join(widget, 'chunks'), { recursive: true });
  writeFileSync(join(widget, 'cancelflow.js'), 'window.loader = 1;');
  writeFileSync(join(widget, 'cancelflow-ui.js'), 'export const ui = 1;');
  writeFileSync(join(widget, 'chunks', 'en-abc123.js'), 'export default {};');
  writeFileSync(join(dir, 'secret.js'), 'not for you');
  return widget;
}

describe('widget files (widgetDir)', () => {
  const temp = tempDir();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ widgetDir: fakeWidget(temp.path) });
  });
  afterAll(async () => {
    await t?.close();
    temp.remove();
  });

  it('serves the loader, the UI and hashed chunks as JavaScript any origin may import', async () => {
    for (const [path, body] of [
      ['/cancelflow.js', 'window.loader = 1;'],
      ['/cancelflow-ui.js', 'export const ui = 1;'],
      ['/chunks/en-abc123.js', 'export default {};'],
    ] as const) {
      const response = await fetch(`${t.url}${path}`, { headers: { origin: 'https://elsewhere.example' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(body);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    const chunk = await fetch(`${t.url}/chunks/en-abc123.js`);
    expect(chunk.headers.get('cache-control')).toContain('immutable');
    const loader = await fetch(`${t.url}/cancelflow.js`);
    expect(loader.headers.get('cache-control')).not.toContain('immutable');
  });

  /** One GET as the bytes arrive (fetch would decode them), with the request's own headers. */
  const raw = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        get(`${t.url}${path}`, { headers }, (response) => {
          const parts: Buffer[] = [];
          response.on('data', (part: Buffer) => parts.push(part));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts) }),
          );
        }).on('error', reject);
      },
    );

  it('sends brotli or gzip as the browser accepts, the same bytes once decoded, and revalidates with a 304', async () => {
    const ui = `export const strings = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `reason number ${i}`))};`;
    writeFileSync(join(temp.path, 'widget', 'cancelflow-ui.js'), ui);
    const chromium = await raw('/cancelflow-ui.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(chromium.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(chromium.body).toString()).toBe(ui);
    expect(chromium.body.length).toBeLessThan(ui.length / 4);
    expect(chromium.headers.vary).toMatch(/accept-encoding/i);
    expect(chromium.headers['access-control-allow-origin']).toBe('*');

    const gzipOnly = await raw('/cancelflow-ui.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipOnly.body).toString()).toBe(ui);
    const plain = await raw('/cancelflow-ui.js', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(ui);

    const etag = String(chromium.headers.etag);
    expect(gzipOnly.headers.etag).toBe(etag);
    const again = await raw('/cancelflow-ui.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toContain('max-age=300');

    // A rebuild (same name, new bytes) is served at once, under a new tag.
    const rebuilt = `${ui}\nexport const version = 2;`;
    writeFileSync(join(temp.path, 'widget', 'cancelflow-ui.js'), rebuilt);
    utimesSync(join(temp.path, 'widget', 'cancelflow-ui.js'), new Date(), new Date(Date.now() + 5_000));
    const fresh = await raw('/cancelflow-ui.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(brotliDecompressSync(fresh.body).toString()).toBe(rebuilt);
    expect(fresh.headers.etag).not.toBe(etag);
  });

  it('serves nothing else from the disk', async () => {
    for (const path of ['/chunks/missing.js', '/chunks/..%2Fsecret.js', '/chunks/../secret.js', '/secret.js']) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('not for you');
    }
  });

  it('refuses to start with a folder that holds no built widget, naming it', async () => {
    await expect(
      startServer({ port: 0, db: ':memory:', widgetDir: temp.path, log: false, handleSignals: false, env: {} }),
    ).rejects.toThrow(ConfigError);
    await expect(
      startServer({
        port: 0,
        db: ':memory:',
        log: false,
        handleSignals: false,
        env: { CANCELFLOW_WIDGET_DIR: '/nope' },
      }),
    ).rejects.toThrow(/widgetDir: \/nope has no cancelflow\.js/);
  });
});

describe('demo seeding', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  const site = (id: string) => {
    const found = loadSitesFile(join(t.dir, 'sites.json')).find((s) => s.id === id);
    if (!found) throw new Error(`no site ${id}`);
    return found;
  };

  it('writes a labelled, reproducible sample history that every insights report reads', async () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const db = await openDatabase(t.dbFile);
    try {
      const result = await seedSampleHistory(db.kysely, site('exp'), { sessions: 400, days: 28, seed: 7, now });
      expect(result).toMatchObject({ sessions: 400, to: '2026-03-02' });
      expect(result.from >= '2026-02-02').toBe(true);
      const sessions = await db.kysely.selectFrom('sessions').select(['id', 'subscriber_id']).execute();
      expect(sessions).toHaveLength(400);
      expect(sessions.every((s) => s.id.startsWith('ses_sample_') && s.subscriber_id.startsWith('sample_'))).toBe(true);
      const texts = await db.kysely.selectFrom('feedback').select('text').execute();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((f) => f.text.startsWith('[sample] '))).toBe(true);
    } finally {
      await db.close();
    }

    const summary = (await t.admin('GET', '/v1/admin/insights/summary?siteId=exp')).body;
    expect(summary.sessions).toBe(400);
    expect(summary.saved + summary.cancelled + summary.abandoned).toBe(400);
    expect(summary.saved).toBeGreaterThan(0);
    expect(summary.cancelled).toBeGreaterThan(summary.saved);
    expect(summary.abandoned).toBeGreaterThan(0);

    const experiments = (await t.admin('GET', '/v1/admin/insights/experiments?siteId=exp')).body.experiments;
    const variants = experiments[0].variants;
    expect(variants.map((v: { variantId: string }) => v.variantId).sort()).toEqual(['holdout', 'offers']);
    const holdout = variants.find((v: { holdout: boolean }) => v.holdout);
    expect(holdout.saved).toBe(0); // a holdout sees no offers, so nobody in it can be "saved"
    expect(variants.find((v: { holdout: boolean }) => !v.holdout).liftVsHoldout).not.toBeNull();

    const offers = (await t.admin('GET', '/v1/admin/insights/offers?siteId=exp')).body.offers;
    expect(offers.length).toBeGreaterThan(0);
    for (const offer of offers) expect(offer.accepted).toBeLessThanOrEqual(offer.shown);
    const weeks = (await t.admin('GET', '/v1/admin/insights/trends?siteId=exp')).body.weeks;
    expect(weeks.length).toBeGreaterThanOrEqual(4);

    // The same seed and clock give the same history, row for row.
    const again = tempDir();
    const db2 = await openDatabase(join(again.path, 'again.sqlite'));
    try {
      await seedSampleHistory(db2.kysely, site('exp'), { sessions: 400, days: 28, seed: 7, now });
      const rows = await db2.kysely
        .selectFrom('sessions')
        .select(['id', 'status', 'reason_id', 'created_at'])
        .orderBy('id')
        .execute();
      const db1 = await openDatabase(t.dbFile);
      const original = await db1.kysely
        .selectFrom('sessions')
        .select(['id', 'status', 'reason_id', 'created_at'])
        .where('site_id', '=', 'exp')
        .orderBy('id')
        .execute();
      await db1.close();
      expect(rows).toEqual(original);
    } finally {
      await db2.close();
      again.remove();
    }
  });

  it('puts subscriptions into the demo ledger, and puts them back to active on a reset', async () => {
    const db = await openDatabase(t.dbFile);
    try {
      await seedSubscriptions(db.kysely, 'acme', [
        { subscriberId: 'cus_ledger', subscriptionId: 'sub_ledger', plan: 'pro' },
      ]);
      const ledger = async () =>
        (await t.admin('GET', '/v1/admin/subscribers/cus_ledger/export?siteId=acme')).body.subscriptions;
      expect(await ledger()).toMatchObject([{ subscription_id: 'sub_ledger', status: 'active', plan: 'pro' }]);

      const s = await openSession(t, { sub: 'cus_ledger', sid: 'sub_ledger' });
      const cancel = await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey });
      expect(cancel.status).toBe(200);
      expect(await ledger()).toMatchObject([{ status: 'cancelling', cancel_at: '2099-12-31' }]);

      await seedSubscriptions(db.kysely, 'acme', [
        { subscriberId: 'cus_ledger', subscriptionId: 'sub_ledger', plan: 'team' },
      ]);
      expect(await ledger()).toMatchObject([{ status: 'active', cancel_at: null, plan: 'team' }]);
    } finally {
      await db.close();
    }
  });
});
