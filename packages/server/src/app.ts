import type { ErrorHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { METHOD_NAME_ALL, METHODS } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';
import { sql } from 'kysely';
import { STRIPE_WEBHOOK_PATH, stripeWebhookRoutes } from './billing/stripe/webhook-route.ts';
import { cancelRoutes } from './cancel/routes.ts';
import { databaseUnavailable } from './db/unavailable.ts';
import { withinMs } from './deadline.ts';
import { type AppDeps, DEFAULT_RATE_LIMITS } from './deps.ts';
import { eventRoutes } from './events/routes.ts';
import { flowRoutes } from './flows/routes.ts';
import { noStore, requireAdmin } from './http/admin.ts';
import { AdminSessions, adminSessionRoutes, adminSessionStatus } from './http/admin-session.ts';
import { adminUiRoutes } from './http/admin-ui.ts';
import { clientKey } from './http/client.ts';
import { errorBody, HttpError } from './http/errors.ts';
import { AdminKeyGuesses } from './http/key-guesses.ts';
import { requestLog } from './http/log.ts';
import { type BucketOptions, DatabaseRateLimiter, MemoryRateLimiter, type RateLimiter } from './http/rate-limit.ts';
import { refuseNulInUrl } from './http/text.ts';
import { widgetFileRoutes } from './http/widget-files.ts';
import { insightRoutes } from './insights/routes.ts';
import { mailAdminRoutes } from './mail/admin.ts';
import { mailRoutes } from './mail/routes.ts';
import { offerRoutes } from './offers/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { statusCallbackRoutes } from './saves/status-route.ts';
import { sessionRoutes } from './sessions/routes.ts';

/** Largest bodies accepted: an event batch (500 events), a flow to publish (its JSON in a string), any other request. */
export const BODY_LIMITS = { events: 256 * 1024, flows: 2 * 1024 * 1024, other: 32 * 1024 } as const;

/** How long the health check waits for the database: under the container's HEALTHCHECK timeout (5 s, Dockerfile). */
export const HEALTH_DB_TIMEOUT_MS = 3000;

/**
 * The HTTP API as a Hono app, from its dependencies only: no port, no signals, no timers. Tests and
 * `startServer` build it the same way.
 */
/** Postgres's "invalid byte sequence" and "unsupported Unicode escape": a text value held U+0000. */
const POSTGRES_NUL_CODES = new Set(['22021', '22P05']);

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // Several processes share one Postgres: their limits must be shared too. SQLite means one process.
  const limiter = (scope: string, options: BucketOptions): RateLimiter =>
    deps.dbKind === 'postgres' ? new DatabaseRateLimiter(deps.db, scope, options) : new MemoryRateLimiter(options);
  const perIp = limiter('ip', deps.rateLimits.perIp);
  const perSession = limiter('session', deps.rateLimits.perSession);
  const guesses = deps.rateLimits.adminKeyGuesses ?? DEFAULT_RATE_LIMITS.adminKeyGuesses;
  const keyGuesses = new AdminKeyGuesses(limiter('admin-key', guesses), deps.trustProxy);
  const perSubscriber = limiter('subscriber', deps.rateLimits.perSubscriber ?? DEFAULT_RATE_LIMITS.perSubscriber);

  const onError: ErrorHandler = (error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: { ...errorBody(error.code, error.message).error, ...error.details } }, error.status);
    }
    // Postgres refusing U+0000 in a value no check before it caught (see http/text.ts): the request's fault.
    if (POSTGRES_NUL_CODES.has((error as { code?: string }).code ?? ''))
      return c.json(errorBody('bad_request', 'a value in the request contains a NUL character (U+0000)'), 400);
    // The database away (Postgres restarting, a full disk): no bug to trace, and the same request may
    // succeed in a moment. One line without a stack; 503 with a Retry-After, as the health check says.
    if (databaseUnavailable(error)) {
      deps.log({ level: 'error', msg: 'the database is not available', error: String(error) });
      c.header('retry-after', '1');
      return c.json(errorBody('unavailable', 'the database is not available; retry the same request'), 503);
    }
    deps.log({
      level: 'error',
      msg: 'unhandled error',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.json(errorBody('internal', 'internal server error'), 500);
  };
  app.onError(onError);
  let allowed: ((path: string) => string[]) | undefined;
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    // Built at the first miss, when every route is registered.
    allowed ??= allowedMethods(app);
    const methods = allowed(path);
    if (methods.length > 0 && !methods.includes(c.req.method)) {
      c.header('allow', methods.join(', '));
      return c.json(
        errorBody('method_not_allowed', `${c.req.method} is not allowed on ${path} (allowed: ${methods.join(', ')})`),
        405,
      );
    }
    return c.json(errorBody('not_found', `no route ${c.req.method} ${path}`), 404);
  });

  app.use('*', requestLog(deps.log));
  app.use('*', refuseNulInUrl);
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
  });

  const browserCors = cors({
    origin: (origin) => (deps.sites.allOrigins.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['content-type', 'idempotency-key'],
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  });
  // One middleware for all of them: registered per path, `/v1/sessions` matched two patterns and its
  // answers said `Vary: Origin` twice. Every path but the admin API's: a page must be able to read the
  // 404 of a mistyped `data-endpoint` (`…/v1/v1/sessions`), which would otherwise look like a CORS failure.
  const browserPath = /^\/v1\/(?!admin(\/|$))/;
  app.use('/v1/*', (c, next) => (browserPath.test(c.req.path) ? browserCors(c, next) : next()));

  const tooLarge = (limit: number) =>
    bodyLimit({
      maxSize: limit,
      // The rest of the body is never read, so Node closes the connection after this answer: saying
      // so keeps a client from sending its next request on that socket, which would fail mid-way
      // ("socket hang up", "other side closed").
      onError: () => {
        throw new HttpError('payload_too_large', `the request body is over ${limit / 1024} KB`, {
          connection: 'close',
        });
      },
    });
  const eventsLimit = tooLarge(BODY_LIMITS.events);
  const otherLimit = tooLarge(BODY_LIMITS.other);
  const flowsLimit = tooLarge(BODY_LIMITS.flows);
  // Stripe's events carry whole subscriptions and invoices: they get the larger limit.
  const large = new Set(['/v1/events', STRIPE_WEBHOOK_PATH]);
  app.use('/v1/*', (c, next) => {
    if (large.has(c.req.path)) return eventsLimit(c, next);
    return c.req.path.startsWith('/v1/admin/flows/') ? flowsLimit(c, next) : otherLimit(c, next);
  });

  app.get('/v1/health', async (c) => {
    try {
      // A Postgres that stops answering (a network cut, no reset) held the query, and the probe,
      // without an answer or a log line: a readiness check must say no, and say why.
      await withinMs(
        sql`select 1`.execute(deps.db),
        HEALTH_DB_TIMEOUT_MS,
        () => new Error(`no answer within ${HEALTH_DB_TIMEOUT_MS / 1000} s`),
      );
    } catch (error) {
      deps.log({ level: 'error', msg: 'health check: the database is not reachable', error: String(error) });
      throw new HttpError('unavailable', 'the database is not reachable');
    }
    // The file's path is for the operator's log, not for whoever can reach the health check.
    const problem = deps.dbProblem?.();
    if (problem) {
      deps.log({ level: 'error', msg: `health check: ${problem}` });
      throw new HttpError(
        'unavailable',
        'the database file is gone or was replaced while the server runs (see the server log)',
      );
    }
    return c.json({ ok: true, version: deps.version });
  });

  app.use('/v1/*', async (c, next) => {
    if (c.req.method !== 'OPTIONS') await perIp.take([clientKey(c, deps.trustProxy)], 'address');
    await next();
  });

  if (deps.widgetDir) widgetFileRoutes(app, deps.widgetDir);
  sessionRoutes(app, deps, perSubscriber);
  eventRoutes(app, deps, perSession);
  offerRoutes(app, deps, perSession);
  cancelRoutes(app, deps, perSession);
  stripeWebhookRoutes(app, deps);
  statusCallbackRoutes(app, deps, keyGuesses);
  mailRoutes(app, deps);

  adminUiRoutes(app);
  const adminSessions = new AdminSessions(deps);
  adminSessionRoutes(app, deps, adminSessions, keyGuesses);

  const admin = new Hono();
  admin.onError(onError);
  admin.use('*', noStore);
  admin.use('*', requireAdmin(deps.adminKey, adminSessions, keyGuesses));
  adminSessionStatus(admin);
  insightRoutes(admin, deps);
  privacyRoutes(admin, deps);
  mailAdminRoutes(admin, deps);
  flowRoutes(admin, deps);
  app.route('/v1/admin', admin);
  return app;
}

/**
 * The methods `app` routes for a path, for a 405's `Allow` header: a wrong method on a known path is
 * not a mistyped URL. Middleware (`use`, method `ALL`) matches any method, so only routes count.
 */
function allowedMethods(app: Hono): (path: string) => string[] {
  const router = new TrieRouter<string>();
  for (const route of app.routes)
    if (route.method !== METHOD_NAME_ALL) router.add(route.method, route.path, route.method);
  return (path) => {
    const methods = METHODS.map((m) => m.toUpperCase()).filter((m) => router.match(m, path)[0].length > 0);
    // Hono answers HEAD with the GET route.
    return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
  };
}
