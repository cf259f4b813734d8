import { isFlowReason, type ResolvedFlow } from '@cancelflow/core';
import type { Kysely, Transaction } from 'kysely';
import { BillingError } from '../billing/types.ts';
import type { Database, SessionDecisionsTable } from '../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import type { LoadedSession } from './load.ts';

export type DecisionKind = SessionDecisionsTable['kind'];
export type DecisionStage = SessionDecisionsTable['stage'];

/** What a request asks the session to decide, and what billing will be told if it wins. */
export interface Intent<Told> {
  readonly stage: DecisionStage;
  readonly kind: DecisionKind;
  /** Requests with equal fingerprints ask for the same decision and share its one answer. */
  readonly fingerprint: string;
  readonly told: Told;
  /**
   * Checks that must hold across the subscriber's other sessions (an offer's cooldown), run in the
   * transaction that claims the decision: it throws to refuse, and the claim is not made.
   */
  readonly guard?: (trx: Transaction<Database>, now: Date) => Promise<void>;
  /**
   * Only take over a claim left unfinished (its lease passed), never make one: the server finishing
   * a decision nobody retried (cancel/stranded.ts). Without such a claim it is refused with 409; the
   * `guard` runs in the transaction that takes it over.
   */
  readonly resumeOnly?: boolean;
}

/** Marks the decision applied with its answer, inside the transaction that records the outcome. */
export type MarkApplied = (trx: Transaction<Database>, answer: unknown) => Promise<void>;

/**
 * Takes a session's one decision at a stage — accept an offer, cancel, or withdraw — exactly once.
 *
 * The decision is claimed in the database (a row per session and stage, inserted only if absent)
 * *before* billing is told anything, together with what billing will be told. Only the request that
 * claimed it calls `apply`, which tells billing and then commits the outcome and `markApplied` in one
 * transaction. Any other request for the same session and stage:
 * - asks for the same decision (equal fingerprint): it gets the claimant's answer — by waiting for it
 *   in this process, from the database once applied, or 409 `in_progress` while another process
 *   holds it;
 * - asks for a different one: 409, and billing never hears of it: `in_progress` (with `Retry-After`)
 *   while the other is being applied, `conflict` once it is decided.
 *
 * If billing refuses, the claim is dropped and the session is open again. If billing's outcome is
 * unknown (timeout, network, 5xx), or the write of its outcome failed after billing answered, the
 * claim stays: only the same decision may be retried, and the retry tells billing the same thing
 * under the same idempotency key, which it applies once. A claim left by a crashed process is taken
 * over the same way once its lease has passed.
 */
export function decideOnce<Told, Answer>(
  deps: AppDeps,
  session: LoadedSession,
  intent: Intent<Told>,
  apply: (told: Told, markApplied: MarkApplied) => Promise<Answer>,
): Promise<Answer> {
  const { row } = session;
  return deps.inflight.once(
    `decision:${row.id}:${intent.stage}`,
    intent.fingerprint,
    () => claimAndApply(deps, session, intent, apply),
    () => {
      throw inProgress('another decision is being applied in this session; retry shortly');
    },
  );
}

async function claimAndApply<Told, Answer>(
  deps: AppDeps,
  { row }: LoadedSession,
  intent: Intent<Told>,
  apply: (told: Told, markApplied: MarkApplied) => Promise<Answer>,
): Promise<Answer> {
  const { db } = deps;
  const mine = db
    .selectFrom('session_decisions')
    .selectAll()
    .where('session_id', '=', row.id)
    .where('stage', '=', intent.stage);
  let told = intent.told;
  for (let attempt = 0; ; attempt++) {
    const now = deps.now();
    const claim = (executor: Kysely<Database>) =>
      executor
        .insertInto('session_decisions')
        .values({
          session_id: row.id,
          stage: intent.stage,
          site_id: row.site_id,
          subscriber_id: row.subscriber_id,
          kind: intent.kind,
          fingerprint: intent.fingerprint,
          state: 'applying',
          told_json: JSON.stringify(told),
          answer_json: null,
          lease_until: new Date(now.getTime() + deps.leaseMs).toISOString(),
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['session_id', 'stage']).doNothing())
        .executeTakeFirst();
    // `write` after the intent's guard, in one transaction with it (or alone when there is none).
    const { guard } = intent;
    const guarded = <T>(write: (executor: Kysely<Database>) => Promise<T>): Promise<T> =>
      guard
        ? db.transaction().execute(async (trx) => {
            await guard(trx, now);
            return write(trx);
          })
        : write(db);
    const claimed = intent.resumeOnly ? undefined : await guarded(claim);
    if (claimed && Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 1) break;

    const existing = await mine.executeTakeFirst();
    if (!existing && intent.resumeOnly) throw new HttpError('conflict', 'no unfinished decision to resume');
    if (!existing) {
      // Its claimant was refused by billing and dropped the claim in between: claim again.
      if (attempt < 3) continue;
      throw inProgress();
    }
    if (existing.fingerprint !== intent.fingerprint) throw decidedOtherwise(existing, now);
    if (existing.state === 'applied') return JSON.parse(existing.answer_json ?? 'null') as Answer;
    if (existing.lease_until > now.toISOString()) throw inProgress();
    // The same decision, left unfinished: take it over and tell billing exactly what it was told.
    const takeOver = (executor: Kysely<Database>) =>
      executor
        .updateTable('session_decisions')
        .set({ lease_until: new Date(now.getTime() + deps.leaseMs).toISOString() })
        .where('session_id', '=', row.id)
        .where('stage', '=', intent.stage)
        .where('lease_until', '=', existing.lease_until)
        .executeTakeFirst();
    // The server resuming on its own also waits for the subscriber's other decisions, as a new claim does.
    const taken = intent.resumeOnly ? await guarded(takeOver) : await takeOver(db);
    if (Number(taken.numUpdatedRows) !== 1) throw inProgress();
    told = JSON.parse(existing.told_json) as Told;
    break;
  }

  const markApplied: MarkApplied = async (trx, answer) => {
    await trx
      .updateTable('session_decisions')
      .set({ state: 'applied', answer_json: JSON.stringify(answer) })
      .where('session_id', '=', row.id)
      .where('stage', '=', intent.stage)
      .execute();
  };
  try {
    return await apply(told, markApplied);
  } catch (error) {
    const cause = error instanceof HttpError ? error.cause : error;
    // Only billing's refusal says nothing changed. Anything else may have left the decision applied:
    // billing's outcome unknown, or billing applied it and the write of the outcome failed (a full
    // disk, a lost database connection, a crash of the plugin after its call). Dropping the claim then
    // let another offer be applied on top of this one, and left a cancel nobody retried unconfirmed.
    const refused = cause instanceof BillingError && cause.outcome === 'refused';
    const claim = { session_id: row.id, stage: intent.stage, state: 'applying' } as const;
    if (!refused) {
      // Billing may have applied it: keep the claim, but let a retry of the same decision take over now
      // (and the server's own pass: cancel/stranded.ts).
      await db
        .updateTable('session_decisions')
        .set({ lease_until: deps.now().toISOString() })
        .where((eb) => eb.and(claim))
        .execute();
    } else {
      await db
        .deleteFrom('session_decisions')
        .where((eb) => eb.and(claim))
        .execute();
    }
    throw error;
  }
}

/**
 * The refusal of a decision other than the one this session took. While the other is still being
 * applied, 409 `in_progress` with `Retry-After`: its outcome decides what the retry gets (a cancel
 * retried after an accept applied is then a cancel after the save, see cancel/confirm.ts).
 */
function decidedOtherwise(
  existing: Pick<SessionDecisionsTable, 'kind' | 'state' | 'lease_until'>,
  now: Date,
): HttpError {
  const what = existing.kind === 'accept' ? 'accepting an offer' : 'the cancellation';
  if (existing.state === 'applying' && existing.lease_until > now.toISOString()) {
    return inProgress(`this session's earlier choice (${what}) is being applied; retry shortly`);
  }
  if (existing.state === 'applying') {
    return new HttpError(
      'conflict',
      `this session's earlier choice (${what}) is not confirmed yet; retry that instead`,
    );
  }
  return new HttpError(
    'conflict',
    existing.kind === 'accept' ? 'an offer was already accepted in this session' : 'this session was already cancelled',
  );
}

/**
 * The 502 for a billing call that failed: "nothing was changed" only when billing said so (a
 * `BillingError` refusal); after an unknown outcome, or an error a plugin threw without saying which
 * (it may have come after the provider applied it), the subscriber is asked to retry the same thing
 * (it will apply once) — as the decision's claim, which stays, allows (claimAndApply).
 */
export function billingFailure(error: unknown, action: string): HttpError {
  const refused = error instanceof BillingError && error.outcome === 'refused';
  const failure = new HttpError(
    'billing_failed',
    refused
      ? `the billing system could not ${action}; nothing was changed`
      : `the billing system did not confirm that it could ${action}; retry the same request (it is applied once)`,
  );
  failure.cause = error;
  return failure;
}

/** 409 `in_progress` with `Retry-After: 1`: the widget's http adapter polls it without using a retry. */
export function inProgress(message = 'this decision is still being applied; retry shortly'): HttpError {
  return new HttpError('in_progress', message, { 'retry-after': '1' });
}

/** Refuses (422) a `reasonId` the session's flow does not have; an accept and a cancel may name one. */
export function checkReason(flow: ResolvedFlow, reasonId: string | undefined): void {
  if (reasonId !== undefined && !isFlowReason(flow, reasonId)) {
    throw new HttpError('unprocessable', `reasonId "${reasonId}" is not a reason of this flow`);
  }
}

/**
 * Whether this session's decision before the cancel is an accept that billing applied, or whose
 * outcome billing left unknown (its claim released for a retry): a cancel then comes after it
 * (cancel/confirm.ts), and the done step's offer is not taken on top of it (offers/accept.ts). An
 * accept still being applied answers 409 `in_progress` to a later decision instead (see above).
 */
export async function offerTaken(deps: AppDeps, sessionId: string): Promise<boolean> {
  const decision = await deps.db
    .selectFrom('session_decisions')
    .select(['kind', 'state', 'lease_until'])
    .where('session_id', '=', sessionId)
    .where('stage', '=', 'before_cancel')
    .executeTakeFirst();
  if (decision?.kind !== 'accept') return false;
  return decision.state === 'applied' || decision.lease_until <= deps.now().toISOString();
}

/**
 * Whether this session has claimed a decision of `kind` (applied, being applied, or its outcome
 * unknown). A request's own checks of time — the withdrawal period, the offers' 24 hours — hold when a
 * decision is claimed; its retry (a lost answer, a 502 "retry the same request") may come after them
 * and goes to decideOnce, which answers it or finishes it. Refused there as too late, it was told
 * "nothing was changed" of a decision billing may have applied, and which the claim keeps.
 */
export async function claimedBefore(deps: AppDeps, sessionId: string, kind: DecisionKind): Promise<boolean> {
  const claim = await deps.db
    .selectFrom('session_decisions')
    .select('kind')
    .where('session_id', '=', sessionId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return claim !== undefined;
}
