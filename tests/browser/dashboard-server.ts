/**
 * A real reference server for the dashboard's browser tests: the demo flow, a SQLite file in a temp
 * folder seeded with a SAMPLE history (USD and EUR subscribers, the experiment, feedback), an admin key,
 * and the built dashboard at /admin/ (`pnpm build` first).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadSitesFile,
  openDatabase,
  type RunningServer,
  seedSampleHistory,
  startServer,
} from '../../packages/server/src/index.ts';

export const DASHBOARD_ADMIN_KEY = 'dashboard-browser-admin-key-0123456789';
/** The site `demo`'s secret and the page origin it allows (for a test that opens sessions itself). */
export const DASHBOARD_SITE = {
  secret: 'dashboard-browser-site-secret-0123456789abcdef',
  origin: 'http://127.0.0.1:9',
};
const flowFile = new URL('../../examples/flows/demo.json', import.meta.url).pathname;

/**
 * `flowId`: the demo flow under another id (a long one, to see how the pages cope with it); `edit`:
 * changes to the demo flow (hostile copy).
 */
export async function dashboardServer(
  sessions = 2000,
  // biome-ignore lint/suspicious/noExplicitAny: a test edits whatever part of the flow it attacks
  options: { flowId?: string; edit?: (flow: any) => void } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'cancelflow-dashboard-'));
  const sitesFile = join(dir, 'sites.json');
  let flow = flowFile;
  if (options.flowId || options.edit) {
    flow = join(dir, 'flow.json');
    const config = JSON.parse(readFileSync(flowFile, 'utf8'));
    if (options.flowId) config.id = options.flowId;
    options.edit?.(config);
    writeFileSync(flow, JSON.stringify(config, null, 2));
  }
  writeFileSync(
    sitesFile,
    JSON.stringify([
      {
        id: 'demo',
        secret: DASHBOARD_SITE.secret,
        origins: [DASHBOARD_SITE.origin],
        flow,
        billing: { type: 'demo' },
      },
    ]),
  );
  const dbFile = join(dir, 'cancelflow.sqlite');
  const db = await openDatabase(dbFile);
  const [site] = loadSitesFile(sitesFile);
  if (!site) throw new Error('no site');
  // Ended a week ago at noon UTC: a fixed `now` keeps the sample the same whatever the day of the run.
  await seedSampleHistory(db.kysely, site, { sessions, seed: 7, now: new Date('2026-06-30T12:00:00Z') });
  await db.close();
  const server: RunningServer = await startServer({
    port: 0,
    db: dbFile,
    sitesFile,
    adminKey: DASHBOARD_ADMIN_KEY,
    // One subscriber opens the flow again and again across a worker's tests: not what this limit is for.
    rateLimits: { perSubscriber: { burst: 1_000_000, perSecond: 1_000_000 } },
    log: false,
    handleSignals: false,
    env: {},
  });
  return {
    url: server.url,
    /** An admin API report, read with the bearer key (what the dashboard must show). */
    async report<T>(path: string): Promise<T> {
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${DASHBOARD_ADMIN_KEY}` },
      });
      return (await response.json()) as T;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type DashboardServer = Awaited<ReturnType<typeof dashboardServer>>;
