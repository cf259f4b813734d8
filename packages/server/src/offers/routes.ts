import { AcceptOfferBody } from '@cancelflow/core/schema';
import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { audited } from '../http/audited.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertOriginAllowed } from '../http/client.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../sessions/keys.ts';
import { type LoadedSession, loadSession } from '../sessions/load.ts';
import { acceptOffer } from './accept.ts';

export function offerRoutes(app: Hono, deps: AppDeps, perSession: RateLimiter): void {
  app.post('/v1/sessions/:sessionId/accept', async (c) => {
    const sessionId = c.req.param('sessionId');
    perSession.take(sessionId, 'session');
    let session: LoadedSession | undefined;
    let offerId: string | undefined;
    const response = await audited(
      deps,
      () => ({
        route: 'POST /v1/sessions/:id/accept',
        sessionId,
        siteId: session?.site.id,
        subscriberId: session?.row.subscriber_id,
        detail: offerId && `offer=${offerId}`,
      }),
      async () => {
        const raw = await readJson(c);
        const body = parseWith(AcceptOfferBody, raw);
        offerId = body.offerId;
        session = await loadSession(deps.db, deps.sites, sessionId, body.sessionKey);
        assertOriginAllowed(c, session.site);
        const key = c.req.header('idempotency-key');
        const loaded = session;
        return idempotent(
          deps.db,
          `accept:${sessionId}`,
          loaded.row.subscriber_id,
          key,
          JSON.stringify(raw),
          deps.now(),
          async () => ({
            status: 200,
            body: await acceptOffer(deps, loaded, { ...body, idempotencyKey: key ?? newId() }),
          }),
        );
      },
    );
    return c.json(response.body, response.status);
  });
}
