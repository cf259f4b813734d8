import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database, SessionStatus } from '../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { type InsightFilters, sessionConditions } from './filters.ts';
import { readPage } from './int-param.ts';
import { displayNames } from './names.ts';

const STATUSES: readonly SessionStatus[] = ['open', 'saved', 'cancelled', 'abandoned'];

/** One thing that happened in a session, in the order it happened (no free text: that is feedback's). */
export interface PathStep {
  readonly at: string;
  readonly type: string;
  /** The step, reason or offer the event names, or the outcome for `session_completed`. */
  readonly detail: string | null;
}

/** What an event names, from its columns and payload (never `feedback_submitted`'s text). */
function detailOf(type: string, row: { offer_id: string | null; reason_id: string | null; payload_json: string }) {
  if (row.offer_id) return row.offer_id;
  if (row.reason_id) return row.reason_id;
  try {
    const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
    const value = type === 'session_completed' ? payload.status : (payload.stepId ?? payload.action);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** `started → reason_selected too_expensive → offer_shown discount_30 → …`, for the CSV. */
export const pathText = (path: readonly PathStep[]) =>
  path
    .map((s) => (s.detail ? `${s.type.replace(/^session_/, '')} ${s.detail}` : s.type.replace(/^session_/, '')))
    .join(' → ');

export interface SessionQuery {
  readonly status?: SessionStatus;
  readonly limit: number;
  readonly offset: number;
}

/** Sessions newest first with each one's path through the flow, read from its events. */
export async function sessionsWithPaths(db: Kysely<Database>, f: InsightFilters, query: SessionQuery) {
  let qb = db
    .selectFrom('sessions')
    .select([
      'id',
      'site_id',
      'flow_id',
      'flow_version',
      'status',
      'plan',
      'locale',
      'variant',
      'reason_id',
      'offer_id',
      'created_at',
      'ended_at',
    ])
    .where(sessionConditions(f, 'sessions'))
    .orderBy('created_at', 'desc')
    .orderBy('id');
  if (query.status) qb = qb.where('status', '=', query.status);
  // The same days as `created_day`, said on `created_at` too: the (site_id, created_at) index then
  // reads just the range, newest first, instead of sorting every session of the range.
  if (f.from) qb = qb.where('created_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) qb = qb.where('created_at', '<=', `${f.to}T23:59:59.999Z`);
  const sessions = await qb.limit(query.limit).offset(query.offset).execute();
  const ids = sessions.map((s) => s.id);
  const events =
    ids.length === 0
      ? []
      : await db
          .selectFrom('events')
          .select(['session_id', 'type', 'at', 'offer_id', 'reason_id', 'payload_json'])
          .where('session_id', 'in', ids)
          .orderBy('at')
          .orderBy('id')
          .execute();
  // By the moment each names, not its text: events stored before ingest wrote them in UTC may carry
  // another offset ("16:59:30+05:00" is before "12:00:00.000Z"). The sort is stable: ties keep the query's order.
  const instant = (at: string) => Date.parse(at);
  events.sort((a, b) => instant(a.at) - instant(b.at));
  const paths = new Map<string, PathStep[]>();
  // An offer shows once in a path: the server records a taken offer as shown too (offers/accept.ts),
  // for a browser whose own `offer_shown` never arrived.
  const shown = new Set<string>();
  for (const e of events) {
    if (e.type === 'offer_shown') {
      const key = `${e.session_id} ${e.offer_id}`;
      if (shown.has(key)) continue;
      shown.add(key);
    }
    const path = paths.get(e.session_id) ?? [];
    path.push({ at: new Date(e.at).toISOString(), type: e.type, detail: detailOf(e.type, e) });
    paths.set(e.session_id, path);
  }
  return sessions.map((s) => ({
    sessionId: s.id,
    siteId: s.site_id,
    flowId: s.flow_id,
    flowVersion: s.flow_version,
    status: s.status,
    plan: s.plan,
    locale: s.locale,
    variant: s.variant,
    reasonId: s.reason_id,
    offerId: s.offer_id,
    createdAt: s.created_at,
    endedAt: s.ended_at,
    path: paths.get(s.id) ?? [],
  }));
}

/**
 * `GET /v1/admin/insights/sessions`: `status`, `limit` (≤ 1000, default 50), `offset`, and `hasMore`
 * (`readPage`).
 */
export async function sessionsReport(deps: AppDeps, f: InsightFilters, c: Context) {
  const status = c.req.query('status') || undefined;
  if (status !== undefined && !STATUSES.includes(status as SessionStatus))
    throw new HttpError('bad_request', `status must be one of ${STATUSES.join(', ')}`);
  const names = await displayNames(deps, f);
  const page = await readPage(c, { fallback: 50, min: 0 }, (limit, offset) =>
    sessionsWithPaths(deps.db, f, { limit, offset, ...(status ? { status: status as SessionStatus } : {}) }),
  );
  const rows = page.rows.map((s) => ({
    ...s,
    reasonLabel: s.reasonId ? (names.reasons.get(s.reasonId) ?? null) : null,
    offerName: s.offerId ? (names.offers.get(s.offerId) ?? null) : null,
  }));
  const { limit, offset, hasMore } = page;
  return {
    json: { sessions: rows, limit, offset, hasMore },
    columns: [
      'createdAt',
      'endedAt',
      'sessionId',
      'siteId',
      'flowId',
      'flowVersion',
      'status',
      'plan',
      'locale',
      'variant',
      'reasonId',
      'reasonLabel',
      'offerId',
      'offerName',
      'path',
    ],
    rows: rows.map((r) => ({ ...r, path: pathText(r.path) })),
  };
}
