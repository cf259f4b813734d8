import type { FlowEvent as FlowEventType, ResolvedFlow } from '@cancelflow/core';
import { FlowEvent } from '@cancelflow/core/schema';
import { keyMatches } from '../crypto.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { AppDeps } from '../deps.ts';
import { describeIssues, PARSE_OPTIONS } from '../http/body.ts';
import { badTextAt } from '../http/text.ts';
import { eventClock } from './clock.ts';
import { applyEventEffects, type EventSession, eventOfferId, eventReasonId, storedPayload } from './effects.ts';

export type RejectCode = 'invalid_event' | 'unknown_session' | 'bad_key' | 'origin_not_allowed';

export interface IngestResult {
  stored: string[];
  duplicates: string[];
  /** `message`: what is wrong with an `invalid_event`, and where (`payload.stepId: must not be empty`). */
  rejected: { id: string; code: RejectCode; message?: string }[];
}

/**
 * Stores a batch of events: each checked on its own (shape, session, key, origin), all accepted ones
 * written with `ON CONFLICT (id) DO NOTHING`, so a retried batch stores nothing twice. The writes go
 * through `writes` (group commit: concurrent batches share a transaction) and this returns only after
 * that transaction committed: an id in `stored` or `duplicates` is durable.
 */
export async function ingestEvents(
  deps: AppDeps,
  writes: GroupCommit,
  rawEvents: readonly unknown[],
  keys: Readonly<Record<string, string>>,
  origin: string | undefined,
  limitSessions: (sessionIds: string[]) => Promise<void>,
  /** When the sender's clock says it sent the batch: the events' times are corrected by it (clock.ts). */
  sentAt?: unknown,
): Promise<IngestResult> {
  const result: IngestResult = { stored: [], duplicates: [], rejected: [] };
  const valid: FlowEventType[] = [];
  for (const [index, raw] of rawEvents.entries()) {
    const id = idOf(raw) ?? `#${index}`;
    const parsed = FlowEvent.safeParse(raw, PARSE_OPTIONS);
    if (!parsed.success) {
      result.rejected.push({ id, code: 'invalid_event', message: describeIssues(parsed.error.issues, 'the event') });
      continue;
    }
    // An id, step or offer that cannot be stored as sent is refused; the feedback text is cleaned (effects.ts).
    const bad = badTextAt(parsed.data, (path) => path === 'payload.text');
    if (bad) result.rejected.push({ id, code: 'invalid_event', message: `${bad.path} contains ${bad.problem}` });
    else valid.push(parsed.data);
  }

  const sessions = await loadSessions(deps, [...new Set(valid.map((e) => e.sessionId))]);
  const accepted: { event: FlowEventType; session: EventSession }[] = [];
  // A batch holds many events of few sessions: hash each presented key once.
  const keyOk = new Map<string, boolean>();
  const keyMatchesFor = (sessionId: string, keyHash: string) => {
    let ok = keyOk.get(sessionId);
    if (ok === undefined) {
      const key = keys[sessionId];
      ok = key !== undefined && keyMatches(key, keyHash);
      keyOk.set(sessionId, ok);
    }
    return ok;
  };
  for (const event of valid) {
    const session = sessions.get(event.sessionId);
    if (!session) result.rejected.push({ id: event.id, code: 'unknown_session' });
    else if (!keyMatchesFor(event.sessionId, session.keyHash)) result.rejected.push({ id: event.id, code: 'bad_key' });
    else if (origin !== undefined && !session.site.origins.includes(origin)) {
      result.rejected.push({ id: event.id, code: 'origin_not_allowed' });
    } else accepted.push({ event, session });
  }
  if (accepted.length === 0) return result;
  // The per-session rate limit counts only requests that proved the session's key: anyone who
  // knows a session id (receipts show it) could otherwise use up its owner's allowance.
  await limitSessions([...new Set(accepted.map(({ event }) => event.sessionId))].slice(0, 50));

  const now = deps.now();
  const receivedAt = now.toISOString();
  // In UTC, as the server writes its own events' times: the wire takes any ISO offset, and
  // "16:59:30+05:00" sorted as text after "12:00:00.000Z" though it is half a minute earlier.
  const timeOf = eventClock(sentAt, now);
  const written = await writes.submit(async (trx) => {
    const outcome: Pick<IngestResult, 'stored' | 'duplicates'> = { stored: [], duplicates: [] };
    const inserted = await trx
      .insertInto('events')
      .values(
        accepted.map(({ event, session }) => ({
          id: event.id,
          session_id: event.sessionId,
          type: event.type,
          at: timeOf(event.at),
          received_at: receivedAt,
          payload_json: JSON.stringify(storedPayload(event)),
          offer_id: eventOfferId(event, session),
          reason_id: eventReasonId(event, session),
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    const fresh = new Set(inserted.map((r) => r.id));
    // The same id twice in one batch: the first is stored, the second is a duplicate.
    const seen = new Set<string>();
    for (const { event, session } of accepted) {
      if (fresh.has(event.id) && !seen.has(event.id)) {
        seen.add(event.id);
        outcome.stored.push(event.id);
        await applyEventEffects(trx, event, session, now);
      } else {
        outcome.duplicates.push(event.id);
      }
    }
    return outcome;
  });
  if (written.stored.length > 0) deps.wakeWebhooks();
  return { ...written, rejected: result.rejected };
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 100 ? id : undefined;
}

async function loadSessions(deps: AppDeps, ids: string[]): Promise<Map<string, EventSession & { keyHash: string }>> {
  const map = new Map<string, EventSession & { keyHash: string }>();
  if (ids.length === 0) return map;
  const rows = await deps.db
    .selectFrom('sessions')
    .select(['id', 'site_id', 'flow_id', 'subscriber_id', 'subscription_id', 'key_hash', 'flow_json'])
    .where('id', 'in', ids)
    .execute();
  for (const row of rows) {
    const site = deps.sites.get(row.site_id);
    if (!site) continue;
    let flow: ResolvedFlow | undefined;
    map.set(row.id, {
      row,
      site,
      keyHash: row.key_hash,
      // Most events (step views) never look at the flow: parse it only for those that do.
      get flow() {
        flow ??= JSON.parse(row.flow_json) as ResolvedFlow;
        return flow;
      },
    });
  }
  return map;
}
