import { StartSessionBody } from '@cancelflow/core/schema';
import type { Hono } from 'hono';
import { recordRejection } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertOriginAllowed } from '../http/client.ts';
import { HttpError } from '../http/errors.ts';
import { idempotent } from '../idempotency.ts';
import { createSession } from './create.ts';
import { verifySubscriberToken } from './token.ts';

export function sessionRoutes(app: Hono, deps: AppDeps): void {
  app.post('/v1/sessions', async (c) => {
    const raw = await readJson(c);
    const body = parseWith(StartSessionBody, raw);
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
    const response = await idempotent(
      deps.db,
      `sessions:${verified.site.id}`,
      verified.claims.sub,
      c.req.header('idempotency-key'),
      JSON.stringify(raw),
      deps.now(),
      async () => ({ status: 201, body: await createSession(deps, verified, body.locale) }),
    );
    return c.json(response.body, response.status);
  });
}
