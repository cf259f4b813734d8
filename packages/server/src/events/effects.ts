import { type FlowEvent, isFlowReason, type ResolvedFlow } from '@cancelflow/core';
import type { Transaction } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import type { Database, SessionRow } from '../db/tables.ts';
import { cleanText } from '../http/text.ts';
import { enqueueWebhook } from '../webhooks/outbox.ts';

export interface EventSession {
  readonly row: Pick<SessionRow, 'id' | 'site_id' | 'flow_id' | 'subscriber_id' | 'subscription_id'>;
  readonly site: SiteConfig;
  readonly flow: ResolvedFlow;
}

/** The payload as stored in `events`: free text moves to `feedback`, under the retention job. */
export function storedPayload(event: FlowEvent): Record<string, unknown> {
  if (event.type === 'feedback_submitted') {
    const { text: _text, ...rest } = event.payload;
    return { ...rest, feedbackId: event.id };
  }
  return { ...event.payload };
}

/** The offer an event is about, if the session was allowed to show it (insights count only those). */
export function eventOfferId(event: FlowEvent, session: Pick<EventSession, 'flow'>): string | null {
  if (event.type === 'offer_shown' || event.type === 'offer_accepted' || event.type === 'offer_declined') {
    return Object.hasOwn(session.flow.offers, event.payload.offerId) ? event.payload.offerId : null;
  }
  return null;
}

/** The reason an event names, if it is one of the session's flow (a made-up id counts nowhere). */
export function eventReasonId(event: FlowEvent, session: Pick<EventSession, 'flow'>): string | null {
  const reasonId =
    event.type === 'reason_selected' || event.type === 'cancel_confirmed' ? event.payload.reasonId : undefined;
  return reasonId !== undefined && isFlowReason(session.flow, reasonId) ? reasonId : null;
}

/**
 * What a newly stored event changes besides the events table, in the same transaction. Outcomes the
 * server decides itself (saved, cancelled) are never taken from the browser; only `abandoned` is.
 */
export async function applyEventEffects(
  trx: Transaction<Database>,
  event: FlowEvent,
  session: EventSession,
  now: Date,
): Promise<void> {
  const { row, site } = session; // not `flow`: reading it parses it, and only feedback and reasons need it
  switch (event.type) {
    case 'reason_selected': {
      const reasonId = eventReasonId(event, session);
      if (reasonId === null) return;
      await trx
        .updateTable('sessions')
        .set({ reason_id: reasonId })
        .where('id', '=', row.id)
        .where('status', '=', 'open')
        .execute();
      return;
    }
    case 'feedback_submitted': {
      // Postgres cannot store U+0000, and no database an unpaired surrogate (see http/text.ts): the rest
      // of what the subscriber wrote is kept.
      const text = cleanText(event.payload.text).trim();
      if (text === '') return;
      const step = session.flow.steps.find((s) => s.id === event.payload.stepId);
      const reason = await trx.selectFrom('sessions').select('reason_id').where('id', '=', row.id).executeTakeFirst();
      await trx
        .insertInto('feedback')
        .values({
          id: event.id,
          session_id: row.id,
          site_id: row.site_id,
          flow_id: row.flow_id,
          subscriber_id: row.subscriber_id,
          reason_id: reason?.reason_id ?? null,
          source: step?.type === 'feedback' ? 'feedback_step' : 'follow_up',
          text,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return;
    }
    case 'session_abandoned':
    case 'session_completed': {
      if (event.type === 'session_completed' && event.payload.status !== 'abandoned') return;
      const ended = await trx
        .updateTable('sessions')
        .set({ status: 'abandoned', ended_at: now.toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'open')
        .returning('reason_id')
        .executeTakeFirst();
      if (ended) {
        await enqueueWebhook(
          trx,
          site,
          'session.completed',
          {
            sessionId: row.id,
            flowId: row.flow_id,
            subscriber: { sub: row.subscriber_id, sid: row.subscription_id ?? undefined },
            status: 'abandoned',
            reasonId: ended.reason_id,
          },
          now,
          row.subscriber_id,
        );
      }
      return;
    }
    case 'session_started':
    case 'step_viewed':
    case 'offer_shown':
    case 'offer_accepted':
    case 'offer_declined':
    case 'cancel_confirmed':
      return;
  }
}
