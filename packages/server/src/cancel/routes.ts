import { ConfirmCancelBody } from '@cancelflow/core/schema';
import type { Context, Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { requestOrigin } from '../http/client.ts';
import { HttpError } from '../http/errors.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { sessionWriteRoute } from '../http/session-write.ts';
import { confirmCancel, toReceipt } from './confirm.ts';
import { receiptPage } from './receipt-page.ts';

/**
 * Where receipt links point: `publicUrl`, else the address this request came to. Behind a TLS proxy
 * without `publicUrl` the request arrives over plain HTTP: the scheme is the proxy's
 * `X-Forwarded-Proto` when the proxy is trusted (trustProxy), or the receipt link said http://.
 */
export function baseUrlOf(c: Context, deps: AppDeps): string {
  return (deps.publicUrl ?? requestOrigin(c, deps.trustProxy)).replace(/\/+$/, '');
}

export function cancelRoutes(app: Hono, deps: AppDeps, perSession: RateLimiter): void {
  sessionWriteRoute(app, deps, perSession, '/v1/sessions/:sessionId/cancel', {
    route: 'POST /v1/sessions/:id/cancel',
    body: ConfirmCancelBody,
    run: (c, session, body) => confirmCancel(deps, session, body, baseUrlOf(c, deps)),
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
    return c.html(await receiptPage(deps.db, receipt, row.locale));
  });
}
