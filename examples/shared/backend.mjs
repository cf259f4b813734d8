// @ts-check
// What every example needs besides its page: the reference server (packages/server, built by
// `pnpm build`) with one site, and a way to mint the subscriber token the site's server signs.
// In your own project these are `import { startServer } from '@cancelflow/server'` and any JWT library.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../packages/server/dist/index.js';

const repo = new URL('../../', import.meta.url).pathname;

/** The built widget; the reference server serves it at /cancelflow.js. */
export const WIDGET_DIR = join(repo, 'packages/widget/dist');

/**
 * Starts the reference server on a fresh SQLite file in `dataDir` (emptied first) with one site,
 * `example`, whose secret and admin key are generated now.
 * @param {{ dataDir: string, origin: string, port?: number, flow?: string,
 *   billing?: { type: 'demo' } | { type: 'webhook', url: string, secret: string },
 *   webhooks?: { url: string, secret: string } }} options
 */
export async function startReferenceServer(options) {
  const secret = randomBytes(32).toString('base64url');
  const adminKey = randomBytes(32).toString('base64url');
  rmSync(options.dataDir, { recursive: true, force: true }); // a fresh start every time
  mkdirSync(options.dataDir, { recursive: true });
  const sitesFile = join(options.dataDir, 'sites.json');
  const site = {
    id: 'example',
    secret,
    origins: [options.origin],
    flow: options.flow ?? join(repo, 'examples/flows/saas.json'),
    billing: options.billing ?? { type: 'demo' },
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  };
  writeFileSync(sitesFile, JSON.stringify([site], null, 2));
  const server = await startServer({
    port: options.port ?? 8787,
    db: join(options.dataDir, 'cancelflow.sqlite'),
    sitesFile,
    adminKey,
    widgetDir: WIDGET_DIR,
    handleSignals: false,
    log: (entry) => {
      if (entry.level !== 'info') console.error(JSON.stringify(entry));
    },
  });
  return {
    url: server.url,
    secret,
    adminKey,
    close: () => server.close(),
    /** @param {string} report e.g. `summary` */
    insights: async (report) =>
      (
        await fetch(`${server.url}/v1/admin/insights/${report}`, { headers: { authorization: `Bearer ${adminKey}` } })
      ).json(),
  };
}

/**
 * A subscriber token: a JWT, HS256, signed with the site's secret — any JWT library does this.
 * @param {string} secret @param {Record<string, unknown>} claims
 */
export function mintToken(secret, claims) {
  const encode = (/** @type {object} */ value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: 'example', iat: now, exp: now + 3600, ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The subscriber the examples' "logged-in user" is. */
export const EXAMPLE_SUBSCRIBER = {
  sub: 'cus_42',
  sid: 'sub_42',
  plan: 'pro',
  mrr: 49,
  price: 49,
  currency: 'USD',
  country: 'US',
  region: 'NY',
  since: '2025-03-01',
  periodEnd: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
};

/** Stops `close` on Ctrl-C or SIGTERM, then exits. */
export function stopOnSignal(/** @type {() => Promise<unknown>} */ close) {
  const stop = () => close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
