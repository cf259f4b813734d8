import { AcceptOfferBody } from '@cancelflow/core/schema';
import type { Hono } from 'hono';
import { newId, sha256Hex } from '../crypto.ts';
import type { AppDeps } from '../deps.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { sessionWriteRoute } from '../http/session-write.ts';
import { acceptOffer } from './accept.ts';

export function offerRoutes(app: Hono, deps: AppDeps, perSession: RateLimiter): void {
  sessionWriteRoute(app, deps, perSession, '/v1/sessions/:sessionId/accept', {
    route: 'POST /v1/sessions/:id/accept',
    body: AcceptOfferBody,
    // An id the flow defines is stored as it is; anything else the browser sent only as a hash.
    detail: ({ offerId }, session) =>
      session && Object.hasOwn(session.flow.config.offers ?? {}, offerId)
        ? `offer=${offerId}`
        : `offer#${sha256Hex(offerId).slice(0, 16)}`,
    run: (_c, session, body, key) => acceptOffer(deps, session, { ...body, idempotencyKey: key ?? newId() }),
  });
}
