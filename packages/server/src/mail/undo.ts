import { type SubscriberClaims, utcDay } from '@cancelflow/core';
import type { SiteConfig } from '../config/sites.ts';
import type { AppDeps } from '../deps.ts';
import { billingFailure } from '../sessions/decision.ts';

export type UndoOutcome = 'undone' | 'too_late' | 'unknown';

/** Whether a cancellation can still be taken back: not a withdrawal, and access has not ended yet. */
export function undoPossible(
  cancellation: { effective_on: string; withdrawal: number },
  site: SiteConfig,
  deps: Pick<AppDeps, 'billingFor'>,
  now: Date,
): boolean {
  if (!deps.billingFor(site).reactivate || cancellation.withdrawal === 1) return false;
  // '': access lasts to the end of a period only billing knows; billing decides.
  return cancellation.effective_on === '' || utcDay(now) < cancellation.effective_on;
}

/**
 * Takes a session's cancellation back through the billing plugin. Recorded in `reactivations` before
 * billing is told, and billing is told under one key (`undo:<sessionId>`) however often the link is
 * used, so the provider applies it once. The session stays `cancelled` in the insights: it happened.
 */
export async function undoCancellation(deps: AppDeps, site: SiteConfig, sessionId: string): Promise<UndoOutcome> {
  const now = deps.now();
  const found = await deps.db
    .selectFrom('cancellations')
    .innerJoin('sessions', 'sessions.id', 'cancellations.session_id')
    .select([
      'cancellations.id as receipt_id',
      'cancellations.effective_on',
      'cancellations.withdrawal',
      'sessions.subscriber_id',
      'sessions.claims_json',
    ])
    .where('cancellations.session_id', '=', sessionId)
    .where('cancellations.site_id', '=', site.id)
    .where('cancellations.state', '=', 'applied')
    .executeTakeFirst();
  if (!found) return 'unknown';
  const done = await deps.db
    .selectFrom('reactivations')
    .select('state')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (done?.state === 'applied') return 'undone';
  if (!undoPossible(found, site, deps, now)) return 'too_late';
  await deps.db
    .insertInto('reactivations')
    .values({
      session_id: sessionId,
      site_id: site.id,
      subscriber_id: found.subscriber_id,
      receipt_id: found.receipt_id,
      state: 'applying',
      created_at: now.toISOString(),
      applied_at: null,
    })
    .onConflict((oc) => oc.column('session_id').doNothing())
    .execute();
  try {
    await deps.billingFor(site).reactivate?.({
      siteId: site.id,
      sessionId,
      claims: JSON.parse(found.claims_json) as SubscriberClaims,
      idempotencyKey: `undo:${sessionId}`,
      receiptId: found.receipt_id,
      now,
    });
  } catch (error) {
    deps.log({ level: 'error', msg: 'billing reactivate failed', site: site.id, error: String(error) });
    throw billingFailure(error, 'undo the cancellation');
  }
  await deps.db
    .updateTable('reactivations')
    .set({ state: 'applied', applied_at: now.toISOString() })
    .where('session_id', '=', sessionId)
    .execute();
  return 'undone';
}
