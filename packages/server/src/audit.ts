import type { Kysely } from 'kysely';
import { newId, sha256Hex } from './crypto.ts';
import type { Database } from './db/tables.ts';
import type { HttpError } from './http/errors.ts';
import type { Logger } from './http/log.ts';

export interface AuditContext {
  readonly route: string;
  readonly siteId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly subscriberId?: string | undefined;
  /** Machine-written only (an offer id, a claim name); never the subscriber's free text. */
  readonly detail?: string | undefined;
}

/** Longer than any session id (core's wire ids are at most 100 characters). */
const MAX_ID = 100;

/**
 * A session id as the refusal names it. One taken from the URL may be anything up to the request
 * line's 16 KB, and `audit` is kept a year (privacy/periods.ts): an id no session can have is kept
 * as a short hash, which still ties repeated attempts together.
 */
function storedId(id: string): string {
  return id.length <= MAX_ID ? id : `#${sha256Hex(id).slice(0, 16)}`;
}

/** Records a refused attempt (bad token, forged offer, replay…) so abuse shows up in the database. */
export async function recordRejection(
  db: Kysely<Database>,
  log: Logger,
  now: Date,
  error: HttpError,
  context: AuditContext,
): Promise<void> {
  try {
    await db
      .insertInto('audit')
      .values({
        id: newId(),
        at: now.toISOString(),
        site_id: context.siteId ?? null,
        session_id: context.sessionId === undefined ? null : storedId(context.sessionId),
        subscriber_id: context.subscriberId ?? null,
        route: context.route,
        status: error.status,
        code: error.code,
        detail: context.detail?.slice(0, 200) ?? null,
      })
      .execute();
  } catch (cause) {
    // The refusal itself must still reach the client; a failed audit write is logged instead.
    log({ level: 'error', msg: 'audit write failed', error: String(cause) });
  }
}
