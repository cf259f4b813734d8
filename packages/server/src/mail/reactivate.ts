import {
  cancellationTerms,
  type ResolvedFlow,
  type ResolvedOffer,
  type SubscriberClaims,
  utcDay,
} from '@cancelflow/core';
import { BillingError } from '../billing/types.ts';
import type { SiteConfig } from '../config/sites.ts';
import type { AppDeps } from '../deps.ts';
import { billingFailure } from '../sessions/decision.ts';

export type ComeBack = { readonly kind: 'undo' } | { readonly kind: 'winback'; readonly step: number };
export type ComeBackOutcome = 'done' | 'too_late' | 'unknown';

/** A win-back step's offer, from the flow's config (see compose.ts), with its id as a resolved offer has it. */
export function winbackOffer(flow: ResolvedFlow, id: string): ResolvedOffer | undefined {
  const offer = Object.hasOwn(flow.config.offers, id) ? flow.config.offers[id] : undefined;
  return offer ? { ...offer, id } : undefined;
}

/** A cancellation as the undo rule reads it: its row joined with its session's. */
export interface UndoFacts {
  readonly effective_on: string;
  readonly withdrawal: number;
  readonly confirmed_at: string;
  readonly claims_json: string;
  readonly flow_json: string;
}

/**
 * Whether a cancellation can still be taken back: not a withdrawal, nothing paid back (an undo would
 * keep the refund and the paid period both), and access has not ended yet.
 */
export function undoPossible(
  cancellation: UndoFacts,
  site: SiteConfig,
  deps: Pick<AppDeps, 'billingFor'>,
  now: Date,
): boolean {
  if (!deps.billingFor(site).reactivate || cancellation.withdrawal === 1) return false;
  if (mayHaveRefunded(cancellation)) return false;
  // '': access lasts to the end of a period only billing knows; billing decides.
  return cancellation.effective_on === '' || utcDay(now) < cancellation.effective_on;
}

/**
 * Whether the cancel paid money back, by the terms its receipt stated (core's `cancellationTerms` at
 * the moment of confirming, from the session's claims, which a billing plugin's `lookup` completed).
 * When those facts were unknown the receipt named the rule, not an amount: billing decides (the
 * Stripe plugin refuses an undo after a refund of its own).
 */
function mayHaveRefunded({ confirmed_at, claims_json, flow_json }: UndoFacts): boolean {
  const { policy } = (JSON.parse(flow_json) as ResolvedFlow).config;
  const claims = JSON.parse(claims_json) as SubscriberClaims;
  return (cancellationTerms(policy, claims, new Date(confirmed_at)).refundAmount ?? 0) > 0;
}

/**
 * The subscriber comes back through a link in follow-up mail: the undo of the confirmation, or a
 * win-back step's reactivate link (with its offer). Recorded in `reactivations` before billing is
 * told (dropped again if billing refuses), and billing is told under one key (`reactivate:<sessionId>`)
 * however often a link is used, so the provider applies it once; a recorded come-back also stops the
 * rest of the win-back. The session stays `cancelled` in the insights: that happened.
 */
export async function comeBack(
  deps: AppDeps,
  site: SiteConfig,
  sessionId: string,
  how: ComeBack,
): Promise<ComeBackOutcome> {
  const now = deps.now();
  const found = await deps.db
    .selectFrom('cancellations')
    .innerJoin('sessions', 'sessions.id', 'cancellations.session_id')
    .select([
      'cancellations.id as receipt_id',
      'cancellations.effective_on',
      'cancellations.withdrawal',
      'cancellations.confirmed_at',
      'sessions.subscriber_id',
      'sessions.claims_json',
      'sessions.flow_json',
    ])
    .where('cancellations.session_id', '=', sessionId)
    .where('cancellations.site_id', '=', site.id)
    .where('cancellations.state', '=', 'applied')
    .executeTakeFirst();
  const plugin = deps.billingFor(site);
  if (!found || !plugin.reactivate) return 'unknown';
  const done = await deps.db
    .selectFrom('reactivations')
    .select('state')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (done?.state === 'applied') return 'done';
  if (how.kind === 'undo' && !undoPossible(found, site, deps, now)) return 'too_late';
  const flow = JSON.parse(found.flow_json) as ResolvedFlow;
  const offerId = how.kind === 'winback' ? flow.config.winback?.steps[how.step - 1]?.offer : undefined;
  const offer = offerId === undefined ? undefined : winbackOffer(flow, offerId);
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
    await plugin.reactivate({
      kind: how.kind,
      siteId: site.id,
      sessionId,
      claims: JSON.parse(found.claims_json) as SubscriberClaims,
      idempotencyKey: `reactivate:${sessionId}`,
      receiptId: found.receipt_id,
      ...(offer && offerId ? { offerId, offer } : {}),
      now,
    });
  } catch (error) {
    deps.log({
      level: 'error',
      msg: 'billing reactivate failed',
      site: site.id,
      session: sessionId,
      error: String(error),
    });
    if (error instanceof BillingError && error.outcome === 'refused') {
      // Billing took nothing back: the subscriber did not come back. Left recorded, the come-back
      // stopped the win-back and made the cancel it names no longer stand (cancel/earlier.ts), so the
      // subscriber's other tab cancelling the same subscription got a second receipt and mail. An
      // unknown outcome stays recorded: billing may have applied it, and a retry finishes it once.
      await deps.db
        .deleteFrom('reactivations')
        .where('session_id', '=', sessionId)
        .where('state', '=', 'applying')
        .execute();
    }
    throw billingFailure(error, 'reactivate the subscription');
  }
  await deps.db
    .updateTable('reactivations')
    .set({ state: 'applied', applied_at: now.toISOString() })
    .where('session_id', '=', sessionId)
    .execute();
  return 'done';
}
