import type { Context, Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { idempotent } from '../idempotency.ts';
import { type LoadedSession, loadSession } from '../sessions/load.ts';
import { audited } from './audited.ts';
import { type Parser, parseWith, readJsonText } from './body.ts';
import { assertOriginAllowed } from './client.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface SessionWrite<B extends { sessionKey: string }> {
  /** The route pattern, as audit rows name it. */
  readonly route: string;
  readonly body: Parser<B>;
  /** A machine-written audit detail (never the subscriber's free text). */
  readonly detail?: (body: B, session: LoadedSession | undefined) => string | undefined;
  /** The write itself, once every check passed; `idempotencyKey` is the request's, if it sent one. */
  readonly run: (c: Context, session: LoadedSession, body: B, idempotencyKey: string | undefined) => Promise<unknown>;
}

/**
 * The one way a subscriber's write to their session (accept, cancel, withdraw) is served, so each
 * guarantee is written once: the JSON body (size, depth, schema), the session key, the site's origin,
 * the per-session rate limit, an audit row for every refusal, and `Idempotency-Key` replays.
 * What the write decides, and that it is decided once, is `run`'s (see sessions/decision.ts).
 */
export function sessionWriteRoute<B extends { sessionKey: string }>(
  app: Hono,
  deps: AppDeps,
  perSession: RateLimiter,
  path: `/v1/sessions/:sessionId/${string}`,
  write: SessionWrite<B>,
): void {
  app.post(path, async (c) => {
    const sessionId = c.req.param('sessionId') as string;
    let session: LoadedSession | undefined;
    let body: B | undefined;
    const response = await audited(
      deps,
      () => ({
        route: write.route,
        sessionId,
        siteId: session?.site.id,
        subscriberId: session?.row.subscriber_id,
        detail: body && write.detail?.(body, session),
      }),
      async () => {
        const { value, text } = await readJsonText(c);
        body = parseWith(write.body, value);
        session = await loadSession(deps.db, deps.sites, sessionId, body.sessionKey);
        assertOriginAllowed(c, session.site);
        // Counted once the key is proven: anyone who knows a session id (receipts show it) could
        // otherwise use up its owner's allowance. Wrong keys spend the per-IP limit only.
        await perSession.take([sessionId], 'session');
        const key = c.req.header('idempotency-key');
        const [loaded, parsed] = [session, body];
        return idempotent(
          deps,
          {
            scope: `${path.slice(path.lastIndexOf('/') + 1)}:${sessionId}`,
            subscriberId: loaded.row.subscriber_id,
            key,
            rawBody: text,
          },
          async () => ({ status: 200, body: await write.run(c, loaded, parsed, key) }),
        );
      },
    );
    return c.json(response.body, response.status);
  });
}
