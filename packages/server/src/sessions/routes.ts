import type { SessionStart } from '@cancelflow/core';
import { StartSessionBody } from '@cancelflow/core/schema';
import type { Hono } from 'hono';
import { recordRejection } from '../audit.ts';
import { sessionKeyFor } from '../crypto.ts';
import type { AppDeps } from '../deps.ts';
import { parseWith, readJsonText } from '../http/body.ts';
import { assertOriginAllowed } from '../http/client.ts';
import { HttpError } from '../http/errors.ts';
import { idempotent } from '../idempotency.ts';
import { createSession } from './create.ts';
import { verifySubscriberToken } from './token.ts';

export function sessionRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/sessions', async (c) => {
    const { value, text } = await readJsonText(c);
    const body = parseWith(StartSessionBody, value);
    let verified: Awaited<ReturnType<typeof verifySubscriberToken>>;
    try {
      verified = await verifySubscriberToken(body.token, deps.sites, deps.now());
      assertOriginAllowed(c, verified.site);
    } catch (error) {
      if (error instanceof HttpError) {
        await recordRejection(deps.db, deps.log, deps.now(), error, { route: 'POST /v1/sessions' });
      }
      throw error;
    }
    const { site } = verified;
    const response = await idempotent(
      deps,
      {
        scope: `sessions:${site.id}`,
        subscriberId: verified.claims.sub,
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
      async () => ({ status: 201, body: await createSession(deps, verified, body.locale) }),
    );
    return c.json(response.body, response.status);
  });
}
