import type { SessionStart } from '@cancelflow/core';
import { PreviewSessionBody, type SessionPreview, StartSessionBody } from '@cancelflow/core/schema';
import type { Context, Hono } from 'hono';
import { type AuditContext, recordRejection } from '../audit.ts';
import { sessionKeyFor } from '../crypto.ts';
import type { AppDeps } from '../deps.ts';
import { parseWith, readJsonText } from '../http/body.ts';
import { assertOriginAllowed } from '../http/client.ts';
import { HttpError } from '../http/errors.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { idempotent } from '../idempotency.ts';
import { createSession } from './create.ts';
import { prepareSession } from './prepare.ts';
import { type VerifiedToken, verifySubscriberToken } from './token.ts';

export function sessionRoutes(app: Hono, deps: AppDeps, perSubscriber: RateLimiter): void {
  app.post('/v1/sessions', async (c) => {
    const route = 'POST /v1/sessions';
    const { value, text } = await readJsonText(c);
    const body = parseWith(StartSessionBody, value);
    const verified = await verifyRequest(c, deps, body.token, route);
    const { site, claims } = verified;
    // Each start stores a row with the whole resolved flow (some 8 KB): one subscriber's token, reused
    // while it lasts, filled the database at the per-IP limit's pace (20 a second, some 15 GB a day
    // per address) and buried the insights under open sessions. A replay or retry of a start counts too.
    await perSubscriber.take([`${site.id}:${claims.sub}`], "subscriber's new sessions");
    const response = await idempotent(
      deps,
      {
        scope: `sessions:${site.id}`,
        subscriberId: claims.sub,
        key: c.req.header('idempotency-key'),
        rawBody: text,
        // The stored answer for replays leaves the session key out; it is derived again (sessionKeyFor in crypto.ts).
        codec: {
          store: (body) => ({ ...(body as SessionStart), sessionKey: undefined }),
          restore: (stored) => {
            const start = stored as SessionStart;
            return { ...start, sessionKey: sessionKeyFor(site.secret, start.sessionId) };
          },
        },
      },
      () =>
        rejectionsRecorded(deps, { route, siteId: site.id, subscriberId: claims.sub, sessionId: body.sessionId }, () =>
          createSession(deps, verified, body.locale, body.sessionId),
        ),
    );
    return c.json(response.body, response.status);
  });

  // What a session would resolve to, for the widget to draw its first screen before its session
  // start answers: nothing is stored or counted, so it may be asked on a mere hover.
  app.post('/v1/preview', async (c) => {
    const { value } = await readJsonText(c);
    const body = parseWith(PreviewSessionBody, value);
    const verified = await verifyRequest(c, deps, body.token, 'POST /v1/preview');
    const { flow, subscriber, locale, at } = await prepareSession(deps, verified, body.locale);
    c.header('cache-control', 'no-store');
    return c.json({ flow, subscriber, locale, now: at.toISOString() } satisfies SessionPreview, 200);
  });
}

/** The token's subscriber, from a page of their site; a refusal is recorded under `route`. */
function verifyRequest(c: Context, deps: AppDeps, token: string, route: string): Promise<VerifiedToken> {
  return rejectionsRecorded(deps, { route }, async () => {
    const verified = await verifySubscriberToken(token, deps.sites, deps.now());
    assertOriginAllowed(c, verified.site);
    return verified;
  });
}

async function rejectionsRecorded<T>(deps: AppDeps, context: AuditContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError) await recordRejection(deps.db, deps.log, deps.now(), error, context);
    throw error;
  }
}
