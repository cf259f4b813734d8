import { ConfirmCancelBody } from '@cancelflow/core/schema';
import type { Context, Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { audited } from '../http/audited.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertOriginAllowed } from '../http/client.ts';
import { HttpError } from '../http/errors.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { idempotent } from '../idempotency.ts';
import { type LoadedSession, loadSession } from '../sessions/load.ts';
import { confirmCancel, toReceipt } from './confirm.ts';
import { receiptPage } from './receipt-page.ts';

export function baseUrlOf(c: Context, deps: AppDeps): string {
  return (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}

export function cancelRoutes(app: Hono, deps: AppDeps, perSession: RateLimiter): void {
  app.post('/v1/sessions/:sessionId/cancel', async (c) => {
    const sessionId = c.req.param('sessionId');
    perSession.take(sessionId, 'session');
    let session: LoadedSession | undefined;
    const response = await audited(
      deps,
      () => ({
        route: 'POST /v1/sessions/:id/cancel',
        sessionId,
        siteId: session?.site.id,
        subscriberId: session?.row.subscriber_id,
      }),
      async () => {
        const raw = await readJson(c);
        const body = parseWith(ConfirmCancelBody, raw);
        session = await loadSession(deps.db, deps.sites, sessionId, body.sessionKey);
        assertOriginAllowed(c, session.site);
        const loaded = session;
        return idempotent(
          deps.db,
          `cancel:${sessionId}`,
          loaded.row.subscriber_id,
          c.req.header('idempotency-key'),
          JSON.stringify(raw),
          deps.now(),
          async () => ({ status: 200, body: await confirmCancel(deps, loaded, body, baseUrlOf(c, deps)) }),
        );
      },
    );
    return c.json(response.body, response.status);
  });

  app.get('/v1/receipts/:receiptId', async (c) => {
    const row = await deps.db
      .selectFrom('cancellations')
      .selectAll()
      .where('id', '=', c.req.param('receiptId'))
      .where('state', '=', 'applied')
      .executeTakeFirst();
    if (!row) throw new HttpError('not_found', 'no receipt with this id');
    const receipt = toReceipt(row, baseUrlOf(c, deps));
    // The id in the URL is the only key to this page: keep it out of caches and referrers.
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    c.header('vary', 'accept');
    if ((c.req.header('accept') ?? '').includes('application/json')) return c.json(receipt);
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(await receiptPage(receipt, row.locale));
  });
}
