import { type Insertable, type Kysely, sql } from 'kysely';
import { newId, sha256Hex } from './crypto.ts';
import type { AuditTable, Database } from './db/tables.ts';
import type { HttpError } from './http/errors.ts';
import type { Logger } from './http/log.ts';

export interface AuditContext {
  readonly route: string;
  readonly siteId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly subscriberId?: string | undefined;
  /** Machine-written only (an offer id, a claim name); never the subscriber's free text. */
  readonly detail?: string | undefined;
  /**
   * The site is only what the request claims (a status callback's `siteId` whose signature failed):
   * the refusal is counted as one nothing verified (UnverifiedTally), under that site.
   */
  readonly unverified?: boolean;
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

/**
 * Records a refused attempt (bad token, forged offer, replay…) so abuse shows up in the database.
 * A refusal of a request nothing verified (no site known: a garbage token, an unknown session) is
 * counted instead (UnverifiedTally): one row per minute for each route, answer and ids, with the
 * number of attempts, and at most MAX_NAMED_PER_MINUTE distinct ids a minute.
 */
export async function recordRejection(
  db: Kysely<Database>,
  log: Logger,
  now: Date,
  error: HttpError,
  context: AuditContext,
): Promise<void> {
  const row = {
    at: now.toISOString(),
    site_id: context.siteId ?? null,
    session_id: context.sessionId === undefined ? null : storedId(context.sessionId),
    subscriber_id: context.subscriberId ?? null,
    route: context.route,
    status: error.status,
    code: error.code,
    detail: context.detail?.slice(0, 200) ?? null,
  };
  if (context.siteId === undefined || context.unverified) return tallyOf(db, log).add(row);
  try {
    await db
      .insertInto('audit')
      .values({ id: newId(), ...row })
      .execute();
  } catch (cause) {
    // The refusal itself must still reach the client; a failed audit write is logged instead.
    log({ level: 'error', msg: 'audit write failed', error: String(cause) });
  }
}

type AuditRow = Omit<Insertable<AuditTable>, 'id' | 'count'>;

/**
 * Distinct ids (session, subscriber, detail) a minute's unverified refusals are recorded with;
 * beyond them, the minute's further ones are counted without their ids.
 */
export const MAX_NAMED_PER_MINUTE = 20;

/**
 * Unverified refusals, counted. Each used to be a row, kept a year: a botnet (many IPs, or many
 * X-Forwarded-For values behind a trusted proxy) sending garbage tokens or random session ids grew
 * `audit` as fast as the per-IP limit let each address, without bound. Here a minute's refusals with
 * the same route, answer and ids are one row whose `count` adds up (its id derived from them, so
 * processes sharing a database add to the same row), and ids past MAX_NAMED_PER_MINUTE in a minute
 * are dropped: rows per minute are bounded whatever the traffic. Writes are coalesced: while one is
 * running, the refusals that arrive meanwhile wait for the next, which writes them all, so a flood
 * makes one write at a time, not one per request; each caller still returns once its count is stored.
 */
class UnverifiedTally {
  private minute = '';
  private readonly named = new Set<string>();
  private pending = new Map<string, AuditRow & { id: string; count: number }>();
  private queued: Promise<void> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
  ) {}

  add(row: AuditRow): Promise<void> {
    const minute = row.at.slice(0, 16);
    if (minute !== this.minute) {
      this.minute = minute;
      this.named.clear();
    }
    const ids = JSON.stringify([row.session_id, row.subscriber_id, row.detail]);
    if (!this.named.has(ids) && this.named.size >= MAX_NAMED_PER_MINUTE) {
      row = { ...row, session_id: null, subscriber_id: null, detail: null };
    } else {
      this.named.add(ids);
    }
    const at = `${minute}:00.000Z`;
    const key = JSON.stringify([
      at,
      row.route,
      row.status,
      row.code,
      row.site_id,
      row.session_id,
      row.subscriber_id,
      row.detail,
    ]);
    const id = `aud_${sha256Hex(key).slice(0, 32)}`;
    const had = this.pending.get(id);
    if (had) had.count += 1;
    else this.pending.set(id, { ...row, id, at, count: 1 });
    if (!this.queued) {
      this.queued = this.running.then(() => {
        const rows = [...this.pending.values()];
        this.pending = new Map();
        this.queued = undefined;
        return this.write(rows);
      });
      this.running = this.queued;
    }
    return this.queued;
  }

  private async write(rows: (AuditRow & { id: string; count: number })[]): Promise<void> {
    try {
      await this.db
        .insertInto('audit')
        .values(rows)
        .onConflict((oc) => oc.column('id').doUpdateSet({ count: sql<number>`audit.count + excluded.count` }))
        .execute();
    } catch (cause) {
      this.log({ level: 'error', msg: 'audit write failed', error: String(cause) });
    }
  }
}

const tallies = new WeakMap<Kysely<Database>, UnverifiedTally>();

function tallyOf(db: Kysely<Database>, log: Logger): UnverifiedTally {
  let tally = tallies.get(db);
  if (!tally) {
    tally = new UnverifiedTally(db, log);
    tallies.set(db, tally);
  }
  return tally;
}
