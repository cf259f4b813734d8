/**
 * The real reference server (packages/server) for browser tests: a site "shop" with the given flow,
 * a SQLite file in a temp folder, loopback HTTP. It can stop and start again on the same port and
 * database (to play an outage), and read what it stored straight from the file.
 */
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../packages/server/src/index.ts';

/**
 * The server's own SQLite library (better-sqlite3, the one module instance the server uses). A second
 * SQLite copy in this process (node:sqlite) must never open the server's file: POSIX locks are per
 * process, so it would take itself for the only connection and truncate the WAL index the server has
 * mapped, and the worker dies with SIGBUS.
 */
const Database = createRequire(new URL('../../packages/server/package.json', import.meta.url))(
  'better-sqlite3',
) as new (
  file: string,
  options: { readonly: boolean },
) => {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; get(...params: unknown[]): unknown };
  close(): void;
};

export const SITE_SECRET = 'browser-tests-secret-0123456789abcdef0123';

/** A subscriber token as the site's server signs it (HS256), for the site "shop". */
export function siteToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'HS256', typ: 'JWT' });
  const body = part({ iss: 'shop', exp: Math.floor(Date.now() / 1000) + 600, ...claims });
  return `${header}.${body}.${createHmac('sha256', SITE_SECRET).update(`${header}.${body}`).digest('base64url')}`;
}

/** The admin key of every reference server here (`publish` uses it). */
const ADMIN_KEY = 'browser-tests-admin-key-0123456789abcdef';

/**
 * `billing`: the site's billing entry (docs/server.md), `demo` unless given — e.g. the `stripe` plugin
 * pointed at the simulated Stripe (`apiBase`), whose secrets are given as they are, not `env:`.
 */
export async function referenceServer(
  origin: string,
  flowFile: string,
  billing: Record<string, unknown> = { type: 'demo' },
  /** The widget's files to serve at /cancelflow.js, as `cancelflow serve` does; none unless given. */
  widgetDir?: string,
) {
  const dir = mkdtempSync(join(tmpdir(), 'cancelflow-browser-'));
  // A server kept for a worker's life (a11y-states.ts) is never closed: its folder goes with the process.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(flowFile, join(dir, 'flow.json'));
  const sitesFile = join(dir, 'sites.json');
  writeFileSync(
    sitesFile,
    JSON.stringify([{ id: 'shop', secret: SITE_SECRET, origins: [origin], flow: 'flow.json', billing }]),
  );
  const db = join(dir, 'cancelflow.sqlite');
  let port = 0;
  let running: RunningServer | undefined;
  const start = async () => {
    running = await startServer({
      port,
      db,
      sitesFile,
      log: false,
      handleSignals: false,
      env: {},
      adminKey: ADMIN_KEY,
      ...(widgetDir ? { widgetDir } : {}),
      // One subscriber opens the flow again and again across a worker's tests: not what this limit is for.
      rateLimits: { perSubscriber: { burst: 1_000_000, perSecond: 1_000_000 } },
    });
    port = running.port;
    return running.url;
  };
  const url = await start();
  return {
    url,
    start,
    async stop() {
      await running?.close();
      running = undefined;
    },
    /** Publishes a new version of the site's flow through the admin API, as the dashboard does. */
    async publish(source: string): Promise<void> {
      const response = await fetch(`${url}/v1/admin/flows/shop/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source }),
      });
      if (!response.ok) throw new Error(`publishing failed: ${response.status} ${await response.text()}`);
    },
    /** The ids of every stored session, straight from the database file. */
    sessionIds(): string[] {
      const file = new Database(db, { readonly: true });
      try {
        return (file.prepare('SELECT id FROM sessions ORDER BY created_at').all() as { id: string }[]).map((r) => r.id);
      } finally {
        file.close();
      }
    },
    /** Every stored event of a session, straight from the database file. */
    events(sessionId: string): { id: string; type: string; at: string }[] {
      const file = new Database(db, { readonly: true });
      try {
        return file.prepare('SELECT id, type, at FROM events WHERE session_id = ? ORDER BY at').all(sessionId) as {
          id: string;
          type: string;
          at: string;
        }[];
      } finally {
        file.close();
      }
    },
    /** A session's status and the stage of each offer it took, straight from the database file. */
    outcome(sessionId: string): { status: string; offers: string[] } {
      const file = new Database(db, { readonly: true });
      try {
        const { status } = file.prepare('SELECT status FROM sessions WHERE id = ?').get(sessionId) as {
          status: string;
        };
        const offers = file
          .prepare('SELECT offer_id, stage FROM offers_accepted WHERE session_id = ?')
          .all(sessionId) as { offer_id: string; stage: string }[];
        return { status, offers: offers.map((o) => `${o.offer_id}:${o.stage}`) };
      } finally {
        file.close();
      }
    },
    async close() {
      await running?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ReferenceServer = Awaited<ReturnType<typeof referenceServer>>;
