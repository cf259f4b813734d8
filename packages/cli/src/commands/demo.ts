import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, validateFlowSource } from '@cancelflow/core/validate';
import {
  loadSitesFile,
  openDatabase,
  type RunningServer,
  seedSampleHistory,
  seedSubscriptions,
} from '@cancelflow/server';
import { DEMO_HELP } from '../help.ts';
import type { CliIo } from '../io.ts';
import { parse, UsageError } from '../usage.ts';
import { type DemoSite, startDemoSite } from './demo/site.ts';
import { startDemoStripe } from './demo/stripe-sim.ts';
import { DEMO_SUBSCRIBERS, demoClaims } from './demo/subscribers.ts';
import { portOption, startOrExplain, widgetDirNearby } from './serve.ts';

export const DEMO_SITE_ID = 'demo';
const DEMO_BILLING = ['demo', 'stripe-sim'] as const;
type DemoBilling = (typeof DEMO_BILLING)[number];

export interface DemoOptions {
  /** The account page's port (0: a free one). */
  readonly port: number;
  /** The reference server's port (0: a free one). */
  readonly serverPort: number;
  /** Emptied, then holds the SQLite file and the sites file. */
  readonly dataDir: string;
  readonly flowFile: string;
  readonly widgetDir: string;
  /** SAMPLE past sessions to generate. */
  readonly sessions: number;
  /** `demo`: the server's own ledger; `stripe-sim`: the real `stripe` plugin against a simulated Stripe on loopback. */
  readonly billing?: DemoBilling;
  /** The simulated Stripe's port with `stripe-sim` (0 or absent: a free one). */
  readonly stripePort?: number;
  readonly now?: () => Date;
}

export interface RunningDemo {
  readonly pageUrl: string;
  readonly serverUrl: string;
  readonly adminKey: string;
  readonly secret: string;
  readonly dataDir: string;
  readonly sampleSessions: number;
  /** The simulated Stripe's API origin, when billing is `stripe-sim`. */
  readonly stripeUrl?: string;
  close(): Promise<void>;
}

/** The file that marks a folder as the demo's own data (emptied on each start). */
const DEMO_MARK = '.cancelflow-demo';
/** Names the demo running on a folder ({ pid, pageUrl }), from its start until it stops. */
const DEMO_LOCK = 'demo.lock';
/** What a demo folder holds: written before the mark existed, such a folder is the demo's too. */
const DEMO_FILES = new Set([
  '.gitignore',
  DEMO_LOCK,
  'sites.json',
  'cancelflow.sqlite',
  'cancelflow.sqlite-wal',
  'cancelflow.sqlite-shm',
]);

/**
 * Why `dir` must not be emptied, or undefined when it may: it does not exist, is empty, or holds a
 * demo's data. `--data .` in a site's folder must not delete its sites file, flows and database.
 */
function notDemoData(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
  const entries = readdirSync(dir);
  if (entries.includes(DEMO_MARK) || entries.every((name) => DEMO_FILES.has(name))) return undefined;
  return `${dir} holds files that are not a demo's (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`;
}

/** Folders this process runs a demo on (its own pid in a lock is live only for these). */
const runningHere = new Set<string>();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Why `dir` is another demo's right now, or undefined: a second demo must not empty a running one's database. */
function runningDemo(dir: string): string | undefined {
  let lock: { pid?: unknown; pageUrl?: unknown };
  try {
    lock = JSON.parse(readFileSync(join(dir, DEMO_LOCK), 'utf8'));
  } catch {
    return undefined; // none, or a half-written one: no demo got far enough to use the folder
  }
  if (typeof lock.pid !== 'number') return undefined;
  const live = lock.pid === process.pid ? runningHere.has(dir) : alive(lock.pid);
  return live ? `a demo is running on ${dir} (process ${lock.pid}, ${String(lock.pageUrl)})` : undefined;
}

/** The flow's problems as `cancelflow validate` prints them, or undefined when it is valid. */
function flowProblems(file: string): string | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    return `cannot read the flow file ${file} (${(error as NodeJS.ErrnoException).code ?? error})`;
  }
  const errors = validateFlowSource(source).problems.filter((p) => p.severity === 'error');
  return errors.length ? `the flow is not valid:\n${errors.map((p) => formatProblem(p, file)).join('\n')}` : undefined;
}

const repoFile = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

/** A secret as long as HS256 wants (RFC 7518 §3.2), new on every start: the demo never ships a known key. */
const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Starts the whole demo: a fresh database seeded with the demo subscribers and a SAMPLE history, the
 * reference server (serving the widget too), and the demo site's account page that mints a token per
 * page view. `close()` stops both and closes the database.
 */
export async function startDemo(options: DemoOptions, io: CliIo): Promise<RunningDemo | undefined> {
  const now = options.now ?? (() => new Date());
  const dataDir = resolve(options.dataDir);
  // Everything that can be refused is checked before the folder is touched.
  const problems = flowProblems(options.flowFile);
  if (problems) {
    io.stderr(`cancelflow demo: ${problems}\n`);
    return undefined;
  }
  const refused = notDemoData(dataDir);
  if (refused) {
    io.stderr(`cancelflow demo: ${refused}; pass a new or empty folder with --data (the demo empties it first)\n`);
    return undefined;
  }
  const busy = runningDemo(dataDir);
  if (busy) {
    io.stderr(`cancelflow demo: ${busy}; stop it first, or pass another folder with --data\n`);
    return undefined;
  }
  const secret = newSecret();
  const adminKey = newSecret();
  const dbFile = join(dataDir, 'cancelflow.sqlite');

  // The page's origin must be known before the sites file is written (CORS): bind it first.
  let site: DemoSite;
  try {
    site = await startDemoSite({ port: options.port, secret, adminKey, siteId: DEMO_SITE_ID, now });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    io.stderr(`cancelflow demo: port ${options.port} is in use; pick another with --port\n`);
    return undefined;
  }
  let stripe: Awaited<ReturnType<typeof startDemoStripe>> | undefined;
  if (options.billing === 'stripe-sim') {
    try {
      stripe = await startDemoStripe(now, options.stripePort);
    } catch (error) {
      await site.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      io.stderr(`cancelflow demo: port ${options.stripePort} is in use; pick another with --stripe-port\n`);
      return undefined;
    }
  }
  // The server starts only once its database is seeded, in the folder about to be emptied: hold its port
  // now, so a taken one is refused before anything is deleted, and no one takes it while seeding runs.
  // (0, the tests' choice, is any free port: never taken.)
  let releaseServerPort: (() => Promise<void>) | undefined;
  if (options.serverPort !== 0) {
    try {
      releaseServerPort = await holdPort(options.serverPort);
    } catch (error) {
      await site.close();
      await stripe?.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
      io.stderr(
        `cancelflow demo: ${code === 'EADDRINUSE' ? `port ${options.serverPort} is in use` : `not allowed to listen on port ${options.serverPort}`}; pick another with --server-port\n`,
      );
      return undefined;
    }
  }
  // Only now, the ports being the demo's: a demo that cannot start leaves the last one's data as it was.
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, '.gitignore'), '*\n');
  writeFileSync(
    join(dataDir, DEMO_MARK),
    'A cancelflow demo keeps its data here; `cancelflow demo` empties this folder.\n',
  );
  writeFileSync(join(dataDir, DEMO_LOCK), JSON.stringify({ pid: process.pid, pageUrl: site.url }));
  runningHere.add(dataDir);
  const unlock = () => {
    runningHere.delete(dataDir);
    rmSync(join(dataDir, DEMO_LOCK), { force: true });
  };
  const sitesFile = join(dataDir, 'sites.json');
  writeFileSync(
    sitesFile,
    JSON.stringify(
      [
        {
          id: DEMO_SITE_ID,
          secret,
          origins: [site.origin],
          flow: resolve(options.flowFile),
          billing: stripe?.billing ?? { type: 'demo' },
          // Kept, not sent: the account page shows them (GET /v1/admin/mail), no SMTP server needed.
          mail: { type: 'outbox' },
        },
      ],
      null,
      2,
    ),
  );

  let db: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let server: RunningServer | undefined;
  try {
    const [config] = loadSitesFile(sitesFile);
    if (!config) throw new Error('the demo sites file is empty');
    stripe?.addCouponsOf(config.flow);
    db = await openDatabase(dbFile);
    const subscriptions = DEMO_SUBSCRIBERS.map((s) => {
      const claims = demoClaims(s, now());
      return { subscriberId: s.id, subscriptionId: claims.sid ?? s.id, plan: s.plan };
    });
    if (!stripe) await seedSubscriptions(db.kysely, DEMO_SITE_ID, subscriptions, now());
    const sample =
      options.sessions > 0
        ? await seedSampleHistory(db.kysely, config, { sessions: options.sessions, seed: 1, now: now() })
        : { sessions: 0 };
    await releaseServerPort?.();
    server = await startOrExplain(
      {
        port: options.serverPort,
        db: dbFile,
        sitesFile,
        adminKey,
        widgetDir: options.widgetDir,
        // The demo's few subscribers open the flow again and again, as someone trying it (or a test
        // suite against it) does: the limit on one subscriber's new sessions is not for them.
        rateLimits: { perSubscriber: { burst: 1_000_000, perSecond: 1_000_000 } },
        handleSignals: false,
        // Request lines would drown the URLs printed below; problems still show.
        log: (entry) => {
          if (entry.level !== 'info') io.stderr(`${JSON.stringify(entry)}\n`);
        },
        env: {},
      },
      io,
      'demo',
      '--server-port',
    );
    if (!server) throw new DemoStartFailed();
    // Stripe's events about the seeded subscriptions, and every change after, reach the server.
    stripe?.forwardTo(`${server.url}/v1/billing/stripe/webhook`);
    const openDb = db;
    site.connect({
      serverUrl: server.url,
      flow: config.flow,
      reset: async (sub) =>
        stripe
          ? stripe.reseed(sub)
          : seedSubscriptions(
              openDb.kysely,
              DEMO_SITE_ID,
              subscriptions.filter((s) => s.subscriberId === sub),
            ),
    });
    const running = server;
    return {
      pageUrl: site.url,
      serverUrl: server.url,
      adminKey,
      secret,
      dataDir,
      sampleSessions: sample.sessions,
      ...(stripe?.billing.apiBase ? { stripeUrl: stripe.billing.apiBase } : {}),
      async close() {
        await site.close();
        await running.close();
        await stripe?.close();
        await openDb.close();
        unlock();
      },
    };
  } catch (error) {
    await releaseServerPort?.(); // when seeding failed before the server started
    await site.close();
    await server?.close();
    await stripe?.close();
    await db?.close();
    unlock();
    if (error instanceof DemoStartFailed) return undefined;
    throw error;
  }
}

class DemoStartFailed extends Error {}

/**
 * Listens on `port` on 127.0.0.1 (where the demo's server listens: it gets no host) until the returned
 * function is called; rejects with the listen error (EADDRINUSE: the port is taken). Releasing twice is
 * harmless.
 */
async function holdPort(port: number): Promise<() => Promise<void>> {
  const holder = createServer();
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.listen(port, '127.0.0.1', () => resolve());
  });
  return () => new Promise<void>((resolve) => holder.close(() => resolve()));
}

export function demoBanner(demo: RunningDemo): string {
  const summary = `${demo.serverUrl}/v1/admin/insights/summary`;
  return `
cancelflow demo is running. Data (incl. ${demo.sampleSessions} SAMPLE past sessions): ${demo.dataDir}

  Account page   ${demo.pageUrl}
  Insights       ${demo.pageUrl}insights
  Dashboard      ${demo.serverUrl}/admin/  (sign in with the admin key)
  Server         ${demo.serverUrl}
${demo.stripeUrl ? `  Billing        the stripe plugin against a simulated Stripe at ${demo.stripeUrl}\n` : ''}  Admin key      ${demo.adminKey}
                 curl -H "Authorization: Bearer ${demo.adminKey}" ${summary}
  Site secret    ${demo.secret}
                 (signs subscriber tokens; the site id is "${DEMO_SITE_ID}", the token's iss)

Press Ctrl-C to stop.
`;
}

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    args,
    {
      port: { type: 'string', short: 'p', default: '5173' },
      'server-port': { type: 'string', default: '8787' },
      data: { type: 'string', default: '.data/demo' },
      sessions: { type: 'string', default: '3000' },
      billing: { type: 'string', default: 'demo' },
      'stripe-port': { type: 'string' },
      flow: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    io.stdout(DEMO_HELP);
    return 0;
  }
  if (!/^\d{1,6}$/.test(values.sessions))
    throw new UsageError(`--sessions must be a whole number up to 999999, not "${values.sessions}"`);
  if (!DEMO_BILLING.includes(values.billing as DemoBilling))
    throw new UsageError(`--billing must be ${DEMO_BILLING.join(' or ')}, not "${values.billing}"`);
  // In a checkout, the repository's example; installed from npm, the copy the package ships (dist/flows).
  const flowFile =
    values.flow ??
    [repoFile('examples/flows/demo.json'), fileURLToPath(new URL('../../dist/flows/demo.json', import.meta.url))].find(
      (file) => existsSync(file),
    ) ??
    repoFile('examples/flows/demo.json');
  // "pass --flow <file>" was the advice even to someone who had passed one with a typo in it.
  if (!existsSync(flowFile))
    throw new UsageError(
      values.flow === undefined
        ? `the demo flow ${flowFile} is missing (in a checkout, restore examples/flows/demo.json); pass a flow with --flow <file>`
        : `--flow ${flowFile}: no such file`,
    );
  const widgetDir = widgetDirNearby();
  if (!widgetDir) {
    io.stderr(
      "cancelflow demo: the widget's files were not found: install @cancelflow/widget next to @cancelflow/cli, or in a checkout run pnpm build\n",
    );
    return 1;
  }
  const demo = await startDemo(
    {
      port: portOption(values.port, '--port') ?? 5173,
      serverPort: portOption(values['server-port'], '--server-port') ?? 8787,
      dataDir: values.data,
      flowFile,
      widgetDir,
      sessions: Number(values.sessions),
      billing: values.billing as DemoBilling,
      stripePort: portOption(values['stripe-port'], '--stripe-port') ?? 0,
    },
    io,
  );
  if (!demo) return 1;
  io.stdout(demoBanner(demo));
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(1); // a second Ctrl-C: stop waiting
      stopping = true;
      io.stdout('\nStopping the demo…\n');
      demo.close().then(
        () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done(0);
        },
        (error: unknown) => {
          io.stderr(`cancelflow demo: could not stop cleanly: ${String(error)}\n`);
          done(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
