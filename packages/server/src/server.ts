import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { billingRegistry } from './billing/index.ts';
import { finishStrandedDecisions } from './cancel/stranded.ts';
import {
  boolFromEnv,
  bucketFromEnv,
  checkRetryDelays,
  intFromEnv,
  publicUrl,
  settingName,
  widgetDirFromEnv,
} from './config/env.ts';
import { ConfigError } from './config/errors.ts';
import type { StartServerOptions } from './config/options.ts';
import { loadSitesFile, SiteRegistry } from './config/sites.ts';
import { unknownVariables } from './config/variables.ts';
import { openDatabase } from './db/connect.ts';
import { foldRollup, ROLLUPS } from './db/rollup.ts';
import { databaseUnavailable } from './db/unavailable.ts';
import { type AppDeps, DEFAULT_RATE_LIMITS } from './deps.ts';
import { latestVersionId } from './flows/store.ts';
import { jsonLogger, silentLogger } from './http/log.ts';
import { checkWidgetDir } from './http/widget-files.ts';
import { InFlight } from './in-flight.ts';
import { mailOptions } from './mail/options.ts';
import { MailSender } from './mail/sender.ts';
import { every } from './periodic.ts';
import { retentionPeriods } from './privacy/periods.ts';
import { RetentionJob } from './privacy/retention.ts';
import { DEFAULT_WEBHOOK_OPTIONS, WebhookSender } from './webhooks/sender.ts';

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787` */
  readonly url: string;
  readonly port: number;
  /**
   * Stops accepting, lets requests in flight finish, then webhook and mail sends in flight (all within
   * 10 s; later ones are cut off and retried), stops the retention job, closes the database.
   */
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;
const KEEP_ALIVE_MS = 65_000;
/**
 * The API's bodies are a few KB: a client that takes longer than this to send one is trickling it
 * (each byte resets no timer), holding a connection and its socket. Node's defaults were 300 s for
 * a request and 60 s for headers.
 */
const REQUEST_TIMEOUT_MS = 30_000;
/**
 * The sites the `listening` line names. Every one made a line of up to 67 bytes a site: past about
 * 240 sites it outgrew the 16 KB at which Docker's json-file driver splits a line into pieces a log
 * shipper reads as several broken JSON objects.
 */
const LISTED_SITES = 50;
const HEADERS_TIMEOUT_MS = 10_000;
/** Node checks the two timeouts above on an interval (default 30 s): never slower than this. */
const TIMEOUT_CHECK_MAX_MS = 1_000;
/** How often the rollup's pending deltas are folded in (they are counted either way). */
const ROLLUP_FOLD_MS = 2_000;

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

/**
 * The port option, from code: an integer 0–65535. JavaScript (no type check) could pass a string,
 * from a config file or an unexpanded `${PORT}`: Node then listened on a pipe named after it (a
 * socket file in the working folder) and `listening` said `http://127.0.0.1:undefined`; -1 or 1.5
 * was Node's RangeError. A string of digits is still the port it names.
 */
function portOption(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined; // null fell through to the default, as it still does
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`the option port must be an integer 0–65535 (got ${JSON.stringify(value)})`);
  return port;
}

/**
 * Starts the reference server: reads options (falling back to `CANCELFLOW_*` environment variables),
 * validates the sites file and every flow (a bad config throws a ConfigError naming file and field),
 * opens and migrates the database, and listens.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const log = options.log === false ? silentLogger : (options.log ?? jsonLogger);
  const now = options.now ?? (() => new Date());
  const sitesFile = options.sitesFile ?? env.CANCELFLOW_SITES;
  const sites = new SiteRegistry(sitesFile ? loadSitesFile(sitesFile) : []);
  const adminKey = options.adminKey ?? (env.CANCELFLOW_ADMIN_KEY || undefined);
  const trustProxy = options.trustProxy ?? boolFromEnv(env, 'CANCELFLOW_TRUST_PROXY') ?? false;
  const port = portOption(options.port) ?? intFromEnv(env, 'CANCELFLOW_PORT', 0, 65535) ?? 8787;
  const host = options.host ?? env.CANCELFLOW_HOST ?? '127.0.0.1';
  const webhookOptions = {
    ...DEFAULT_WEBHOOK_OPTIONS,
    ...definedOnly({
      pollMs: intFromEnv(env, 'CANCELFLOW_WEBHOOK_POLL_MS', 1),
      baseDelayMs: intFromEnv(env, 'CANCELFLOW_WEBHOOK_RETRY_BASE_MS', 1),
      maxDelayMs: intFromEnv(env, 'CANCELFLOW_WEBHOOK_RETRY_MAX_MS', 1),
      maxAttempts: intFromEnv(env, 'CANCELFLOW_WEBHOOK_MAX_ATTEMPTS', 1),
    }),
    ...options.webhooks,
  };
  checkRetryDelays(webhookOptions, {
    base: settingName(env, 'CANCELFLOW_WEBHOOK_RETRY_BASE_MS', options.webhooks?.baseDelayMs, 'webhooks.baseDelayMs'),
    max: settingName(env, 'CANCELFLOW_WEBHOOK_RETRY_MAX_MS', options.webhooks?.maxDelayMs, 'webhooks.maxDelayMs'),
  });
  const rateLimits = {
    perIp: options.rateLimits?.perIp ?? bucketFromEnv(env, 'CANCELFLOW_RATE_LIMIT_IP') ?? DEFAULT_RATE_LIMITS.perIp,
    perSession:
      options.rateLimits?.perSession ??
      bucketFromEnv(env, 'CANCELFLOW_RATE_LIMIT_SESSION') ??
      DEFAULT_RATE_LIMITS.perSession,
    adminKeyGuesses: options.rateLimits?.adminKeyGuesses ?? DEFAULT_RATE_LIMITS.adminKeyGuesses,
    perSubscriber:
      options.rateLimits?.perSubscriber ??
      bucketFromEnv(env, 'CANCELFLOW_RATE_LIMIT_SUBSCRIBER') ??
      DEFAULT_RATE_LIMITS.perSubscriber,
  };
  const leaseMs = options.leaseMs ?? intFromEnv(env, 'CANCELFLOW_LEASE_MS', 1) ?? 60_000;
  const retentionIntervalMs =
    options.retentionIntervalMs ?? intFromEnv(env, 'CANCELFLOW_RETENTION_INTERVAL_MS', 1000) ?? 3_600_000;
  const retention = retentionPeriods(env, options.retention);
  const requestTimeout =
    options.requestTimeoutMs ?? intFromEnv(env, 'CANCELFLOW_REQUEST_TIMEOUT_MS', 1) ?? REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(
    requestTimeout,
    options.headersTimeoutMs ?? intFromEnv(env, 'CANCELFLOW_HEADERS_TIMEOUT_MS', 1) ?? HEADERS_TIMEOUT_MS,
  );
  if (
    !(Number.isInteger(requestTimeout) && requestTimeout > 0) ||
    !(Number.isInteger(headersTimeout) && headersTimeout > 0)
  )
    throw new ConfigError(
      `requestTimeoutMs and headersTimeoutMs must be integers above 0 (got ${requestTimeout}, ${headersTimeout})`,
    );

  const linkBase =
    publicUrl(options.publicUrl, 'the publicUrl option') ??
    publicUrl(env.CANCELFLOW_PUBLIC_URL, 'environment variable CANCELFLOW_PUBLIC_URL');
  const mailSettings = mailOptions(env, options.mail);
  // `false` (served from elsewhere, on purpose; CANCELFLOW_WIDGET_DIR=false) is not warned about, and
  // as an option wins over the variable like any option.
  const widgetChoice = options.widgetDir ?? widgetDirFromEnv(env);
  const widgetDir = widgetChoice || undefined;
  if (widgetDir) checkWidgetDir(widgetDir); // before the database opens, so a typo leaks nothing

  const db = await openDatabase(
    options.db ?? env.CANCELFLOW_DB ?? '.data/cancelflow.sqlite',
    (msg, error) => log({ level: 'error', msg, error }),
    { lock: 'server' },
  );
  const sender = new WebhookSender(db.kysely, sites, log, webhookOptions, now);
  const retentionJob = new RetentionJob(db.kysely, sites, log, now, retention);
  let mail: MailSender | undefined;
  const deps: AppDeps = {
    db: db.kysely,
    dbKind: db.kind,
    sites,
    billingFor: billingRegistry(db.kysely, sites.sites, log),
    scrubDeleted: db.scrubDeleted,
    dbProblem: db.problem,
    inflight: new InFlight(),
    leaseMs,
    wakeWebhooks: () => {
      sender.wake();
      mail?.wake();
    },
    adminKey,
    now,
    log,
    rateLimits,
    trustProxy,
    version: packageVersion(),
    publicUrl: linkBase,
    widgetDir,
    retention,
  };
  const app = createApp(deps);
  mail = new MailSender(deps, mailSettings);

  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const serverOptions = {
        requestTimeout,
        headersTimeout,
        connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MAX_MS, headersTimeout),
      };
      const s = serve({ fetch: app.fetch, port, hostname: host, serverOptions }, () => resolve(s as Server)) as Server;
      // Idle keep-alive connections stay open longer than clients and load balancers keep theirs (Node's
      // fetch 4 s, most balancers 60 s): a server closing first races the client's next request on that
      // socket, which then fails with "other side closed". (headersTimeout counts from a request's first
      // byte, not over an idle connection: it may be shorter than this.)
      s.keepAliveTimeout = KEEP_ALIVE_MS;
      s.once('error', reject);
    });
  } catch (error) {
    await db.close();
    const code = (error as NodeJS.ErrnoException).code;
    // A host name that does not resolve, or an address this machine does not have.
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL')
      throw new ConfigError(
        `cannot listen on host "${host}" (${code}): give --host or CANCELFLOW_HOST an address of this machine, e.g. 127.0.0.1 or 0.0.0.0`,
      );
    throw error;
  }
  // Warnings only once every setting is known to be valid, the database opened and the port taken: a
  // refused start-up (a port in use, a host this machine lacks) shows its error alone, not behind advice
  // about a server that never ran.
  if (!sitesFile)
    log({
      level: 'warn',
      msg: 'no sites configured (cancelflow serve --sites FILE, or CANCELFLOW_SITES); only /v1/health and the admin API work',
    });
  else if (sites.sites.length === 0)
    log({
      level: 'warn',
      msg: `no sites configured: the sites file ${resolvePath(sitesFile)} is an empty array; only /v1/health and the admin API work`,
    });
  if (!adminKey) {
    log({ level: 'warn', msg: 'the admin API and the dashboard are closed: set CANCELFLOW_ADMIN_KEY to open them' });
  } else if (Buffer.byteLength(adminKey) < 32) {
    log({
      level: 'warn',
      msg: 'the admin key is shorter than 32 bytes: anyone who guesses it reads every site; generate one with `openssl rand -base64 32`',
    });
  }
  // Every entrance warns here, once: `cancelflow serve`, `node dist/main.js` and an application that
  // embeds startServer(). Without it, a page loading the widget from this server gets a 404 and runs
  // its own cancel with no flow, which looks like a working site.
  if (widgetChoice === undefined || widgetChoice === '')
    log({
      level: 'warn',
      msg: "the widget's files are not served: /cancelflow.js answers 404, so a page that loads the widget from this server shows no cancel flow (its own cancel still happens). Set widgetDir (cancelflow serve --widget-dir, CANCELFLOW_WIDGET_DIR) to the widget's dist folder (node_modules/@cancelflow/widget/dist once installed), or widgetDir: false (--widget-dir false, CANCELFLOW_WIDGET_DIR=false) when the widget is served from elsewhere",
    });
  for (const msg of unknownVariables(env)) log({ level: 'warn', msg });
  sender.start();
  const folder = every(ROLLUP_FOLD_MS, async () => {
    for (const spec of ROLLUPS) {
      try {
        await foldRollup(db.kysely, db.kind, spec);
      } catch (error) {
        log({ level: 'error', msg: 'rollup fold failed', rollup: spec.table, error: String(error) });
        // The database away: the other rollups would each wait out the same connection timeout (a
        // pass of 40 s that a SIGTERM waited for), or each hold a locked SQLite's busy timeout.
        if (databaseUnavailable(error)) return;
      }
    }
  });
  retentionJob.start(retentionIntervalMs);
  const { port: actualPort } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  const stranded = finishStrandedDecisions(deps, () => (deps.publicUrl ?? url).replace(/\/+$/, ''));
  mail.start(deps.publicUrl ?? url);
  // Mail that reaches subscribers carries links (undo, one-click unsubscribe) built from publicUrl,
  // else from this address, which only this machine can open (a receipt link on the page comes from
  // the request, the mail's from no request): started without it, every message went out with
  // links that fail, and nothing said so. The demo's outbox keeps mail in the database, on this machine.
  const mailing = sites.sites.filter((site) => site.mail && site.mail.type !== 'outbox').map((site) => site.id);
  if (mailing.length > 0 && !deps.publicUrl)
    log({
      level: 'warn',
      msg: `follow-up mail of ${mailing.length === 1 ? 'site' : 'sites'} ${mailing.join(', ')} links to ${url} (receipt, undo, unsubscribe), this server's own address, which subscribers cannot open: set CANCELFLOW_PUBLIC_URL (publicUrl) to the https address they reach it at`,
    });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Requests in flight and then the webhook and mail sends in flight share one grace period: a
      // receiver or SMTP server that does not answer held the exit for its whole timeout (mail's is
      // 30 s), past the 10 s a container runtime waits before it kills (docker stop).
      const deadline = Date.now() + SHUTDOWN_GRACE_MS;
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last response goes out: close them as they do.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearInterval(sweep);
      clearTimeout(force);
      const left = Math.max(0, deadline - Date.now());
      await Promise.all([sender.stop(left), mail?.stop(left), retentionJob.stop(), folder.stop(), stranded.stop()]);
      await db.close();
      log({ level: 'info', msg: 'closed' });
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1); // a second signal: stop waiting
    log({ level: 'info', msg: 'shutting down', signal });
    close().then(
      () => process.exit(0),
      (error) => {
        log({ level: 'error', msg: 'shutdown failed', error: String(error) });
        process.exit(1);
      },
    );
  };
  // Before `listening` is logged: a supervisor (or a test) that stops the server as soon as it says
  // it listens must get a graceful close, not a process killed by the signal's default action.
  if (options.handleSignals ?? true) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  const ids = sites.sites.map((s) => s.id);
  log({
    level: 'info',
    msg: 'listening',
    url,
    sites: ids.slice(0, LISTED_SITES),
    ...(ids.length > LISTED_SITES ? { sitesNotListed: ids.length - LISTED_SITES } : {}),
    db: db.kind,
  });
  // A site whose flow was published from the dashboard runs that, not its sites file's flow: say so,
  // or an edit of the file and a restart seem to change nothing.
  try {
    for (const site of sites.sites) {
      // Stopped meanwhile: the database is closing, and a read it cut short is no start-up error.
      if (closing) break;
      const published = await latestVersionId(db.kysely, site.id);
      if (published) {
        log({
          level: 'info',
          msg: `site ${site.id} runs the flow published from the dashboard (version ${published.number}); the flow in its sites file is not used until a rollback to the file`,
          site: site.id,
        });
      }
    }
  } catch (error) {
    // The server listens and serves already: a database that went away since the migrations (a
    // Postgres restarting just then) made start-up fail here and the process exit, after it said it
    // listens. This is only a notice, given once: the other sites' checks would each wait out the
    // same connection timeout. Requests meanwhile get 503, and sessions read the published flow themselves.
    if (!closing)
      log({ level: 'error', msg: 'could not check for flows published from the dashboard', error: String(error) });
  }

  return { url, port: actualPort, close };
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
