import type { Hono } from 'hono';
import { baseUrlOf } from '../cancel/routes.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { buildMail } from './build.ts';

/**
 * `GET /v1/admin/mail?siteId=&sub=`: one subscriber's messages, newest first (at most 50), each as it
 * reads now (subject, text, HTML), with whether it was sent, why it was stopped, or that delivery was
 * given up (`failedAt`, `lastError`). For a site with `mail: { "type": "outbox" }` this is where its
 * messages go; the demo shows them from here. `?failed=true` instead of `sub`: the messages given up,
 * whoever they were for, so an operator can reach those subscribers another way (a cancellation's
 * confirmation is owed).
 */
export function mailAdminRoutes(admin: Hono, deps: AppDeps): void {
  admin.get('/mail', async (c) => {
    const sub = c.req.query('sub');
    const failed = c.req.query('failed') === 'true';
    if (!sub && !failed) throw new HttpError('bad_request', 'sub (or failed=true) is required');
    let query = deps.db.selectFrom('mail_outbox').selectAll();
    if (sub) query = query.where('subscriber_id', '=', sub);
    if (failed) query = query.where('failed_at', 'is not', null);
    const siteId = c.req.query('siteId');
    if (siteId) query = query.where('site_id', '=', siteId);
    const rows = await query.orderBy('next_attempt_at', 'desc').limit(50).execute();
    const baseUrl = baseUrlOf(c, deps);
    const mail = await Promise.all(
      rows.map(async (row) => {
        const site = deps.sites.get(row.site_id);
        const built = site ? await buildMail(deps, row, site, baseUrl) : undefined;
        return {
          id: row.id,
          kind: row.kind,
          to: row.to_address,
          dueAt: row.next_attempt_at,
          sentAt: row.sent_at,
          stopReason: row.stop_reason,
          failedAt: row.failed_at,
          attempts: row.attempts,
          lastError: row.last_error,
          ...(built ? { subject: built.subject, text: built.text, html: built.html, headers: built.headers } : {}),
        };
      }),
    );
    return c.json({ mail });
  });
}
