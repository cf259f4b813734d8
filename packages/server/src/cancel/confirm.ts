import { cancellationTerms, type Receipt, refundText, withdrawalOpen } from '@cancelflow/core';
import type { Transaction } from 'kysely';
import type { CancelResult } from '../billing/types.ts';
import { newSecret } from '../crypto.ts';
import type { CancellationsTable, Database } from '../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { enqueueCancellationMail } from '../mail/enqueue.ts';
import {
  billingFailure,
  checkReason,
  claimedBefore,
  decideOnce,
  inProgress,
  type MarkApplied,
  offerTaken,
} from '../sessions/decision.ts';
import type { LoadedSession } from '../sessions/load.ts';
import { lockSubscriber } from '../sessions/subscriber-lock.ts';
import { enqueueWebhook } from '../webhooks/outbox.ts';
import { earlierCancel } from './earlier.ts';
import { translatorFor } from './texts.ts';

export function toReceipt(
  row: Pick<
    CancellationsTable,
    'id' | 'session_id' | 'confirmed_at' | 'effective_on' | 'subscription_id' | 'plan' | 'refund' | 'withdrawal'
  >,
  baseUrl: string,
): Receipt {
  return {
    id: row.id,
    sessionId: row.session_id,
    confirmedAt: row.confirmed_at,
    ...(row.effective_on ? { effectiveOn: row.effective_on } : {}),
    ...(row.subscription_id ? { subscriptionId: row.subscription_id } : {}),
    ...(row.plan ? { plan: row.plan } : {}),
    refund: row.refund,
    url: `${baseUrl}/v1/receipts/${row.id}`,
    ...(row.withdrawal ? { withdrawal: true } : {}),
  };
}

/** What billing is told and the receipt says, fixed when the decision is claimed (see decision.ts). */
type ToldCancel = Omit<CancellationsTable, 'state'>;

/**
 * Confirms a cancellation: records it, has the billing plugin cancel, and returns the receipt. A
 * cancel is never refused for lack of a reason or because offers were declined; only a session that
 * decided otherwise (an accepted offer, or the other of cancel and withdraw) conflicts. Confirming
 * again, or many times at once, returns the same receipt, and billing is told once.
 */
export async function confirmCancel(
  deps: AppDeps,
  session: LoadedSession,
  request: { reasonId?: string | undefined; feedback?: string | undefined; withdraw?: boolean | undefined },
  baseUrl: string,
): Promise<Receipt> {
  const { row, flow, site, claims } = session;
  // `request.feedback` is not stored: the same answers arrive as `feedback_submitted` events, which
  // store each once with the step it was written on (storing both listed every answer twice).
  checkReason(flow, request.reasonId);

  const now = deps.now();
  // The browser only asks; the window comes from the session's own resolution (signed claims, `eu`).
  const withdrawal = request.withdraw === true;
  if (
    withdrawal &&
    !(flow.withdrawal && withdrawalOpen(flow.withdrawal.until, now)) &&
    !(await claimedBefore(deps, row.id, 'withdraw'))
  ) {
    // Nothing was cancelled. `withdrawalEnded` names the period's last day, by the server's clock, so a
    // dialog opened while the period lasted can say why, and that a cancel is still possible.
    throw new HttpError(
      'unprocessable',
      flow.withdrawal
        ? `the withdrawal period ended on ${flow.withdrawal.until}: nothing was cancelled; cancel instead`
        : 'withdrawal from the contract does not apply to this subscriber: nothing was cancelled; cancel instead',
      {},
      flow.withdrawal ? { withdrawalEnded: flow.withdrawal.until } : {},
    );
  }
  const terms = cancellationTerms(flow.config.policy, claims, now, { withdrawal });
  const told: ToldCancel = {
    id: `rcp_${newSecret()}`,
    session_id: row.id,
    site_id: site.id,
    subscriber_id: row.subscriber_id,
    subscription_id: claims.sid ?? null,
    plan: claims.plan ?? null,
    reason_id: request.reasonId ?? row.reason_id,
    locale: row.locale,
    confirmed_at: now.toISOString(),
    // '': access lasts until the end of the current period, a day neither the token nor billing gave.
    effective_on: terms.effectiveOn ?? '',
    refund: refundText(await translatorFor(row.locale), terms),
    withdrawal: withdrawal ? 1 : 0,
  };
  const kind = withdrawal ? 'withdraw' : 'cancel';
  const decide = (stage: CancelStage) =>
    decideOnce(
      deps,
      session,
      {
        stage,
        kind,
        fingerprint: kind,
        told,
        guard: async (trx, at) => {
          await oneCancelAtATime(deps, session, trx, at);
          // Decided here, in the claim's transaction: the claim that follows finds it applied and answers it.
          const earlier = await earlierCancel(trx, session, kind);
          if (earlier)
            await cancelledElsewhere(trx, session, { stage, kind, reasonId: told.reason_id }, earlier, baseUrl, at);
        },
      },
      (record, markApplied) => apply(deps, session, stage, record, baseUrl, markApplied),
    );
  try {
    return await decide('before_cancel');
  } catch (error) {
    // The session's decision before the cancel is an accept: the cancel comes after it.
    if (error instanceof HttpError && error.code === 'conflict' && (await offerTaken(deps, row.id))) {
      return decide('after_save');
    }
    throw error;
  } finally {
    deps.wakeWebhooks(); // a `session.completed` queued by cancelledElsewhere
  }
}

/**
 * This session's cancel, when another session of the subscriber cancelled the same subscription since
 * this one started (cancel/earlier.ts): billing is not told again, and the subscriber is told the truth
 * — the subscription is cancelled, on the terms and under the reference of that earlier receipt, which
 * is this decision's answer (the widget shows its "cancelled on" time and refund). The session ends
 * `cancelled` with its own reason and `session.completed`; no second receipt, confirmation mail or
 * `subscription.cancelled`, which went out with the earlier cancel. After a save in this session (an
 * offer taken before the other tab cancelled) the save is undone, as by a cancel after it.
 */
async function cancelledElsewhere(
  trx: Transaction<Database>,
  { row, site, claims }: LoadedSession,
  decision: { stage: CancelStage; kind: 'cancel' | 'withdraw'; reasonId: string | null },
  earlier: CancellationsTable,
  baseUrl: string,
  now: Date,
): Promise<void> {
  const receipt = toReceipt(earlier, baseUrl);
  const at = now.toISOString();
  const decided = await trx
    .insertInto('session_decisions')
    .values({
      session_id: row.id,
      stage: decision.stage,
      site_id: row.site_id,
      subscriber_id: row.subscriber_id,
      kind: decision.kind,
      fingerprint: decision.kind,
      state: 'applied',
      // Billing was told nothing: what stands is the earlier receipt.
      told_json: JSON.stringify({ cancelledBy: earlier.id }),
      answer_json: JSON.stringify(receipt),
      lease_until: at,
      created_at: at,
    })
    // This session decided already (an offer taken: its cancel comes after the save; or a claim of its own).
    .onConflict((oc) => oc.columns(['session_id', 'stage']).doNothing())
    .executeTakeFirst();
  if (Number(decided.numInsertedOrUpdatedRows ?? 0n) !== 1) return;
  await trx
    .updateTable('sessions')
    .set({ status: 'cancelled', reason_id: decision.reasonId, ended_at: at })
    .where('id', '=', row.id)
    .where('status', 'in', decision.stage === 'after_save' ? ['open', 'abandoned', 'saved'] : ['open', 'abandoned'])
    .execute();
  if (decision.stage === 'after_save') await undoSave(trx, row.id);
  await enqueueWebhook(
    trx,
    site,
    'session.completed',
    {
      sessionId: row.id,
      flowId: row.flow_id,
      subscriber: { sub: claims.sub, sid: claims.sid },
      status: 'cancelled',
      reasonId: decision.reasonId,
    },
    now,
    row.subscriber_id,
  );
}

/**
 * Finishes a cancel (or withdrawal) whose claim was left unfinished — its process died while billing
 * was told, or billing's outcome was unknown — once its lease has passed: billing is told what the
 * claim stored, under the same idempotency key, and the outcome is recorded as the request would
 * have (cancel/stranded.ts). Never claims a decision of its own.
 */
export function resumeCancel(
  deps: AppDeps,
  session: LoadedSession,
  stage: CancelStage,
  kind: 'cancel' | 'withdraw',
  baseUrl: string,
): Promise<Receipt> {
  return decideOnce(
    deps,
    session,
    // `told` is the claim's own, read when it is taken over.
    {
      stage,
      kind,
      fingerprint: kind,
      told: undefined as unknown as ToldCancel,
      resumeOnly: true,
      // Not while the subscriber's other session is cancelling: billing hears one cancel at a time.
      guard: (trx, at) => oneCancelAtATime(deps, session, trx, at),
    },
    (record, markApplied) => apply(deps, session, stage, record, baseUrl, markApplied),
  );
}

/**
 * A subscriber may confirm a cancel in two sessions (two tabs, or a second visit before the first
 * answer came back). Billing is told one at a time, under a lock on the subscriber in the transaction
 * that claims the decision: while another session's cancel is being applied, this one is answered
 * 409 `in_progress` (retried shortly), and billing then sees what the first did. (The Stripe plugin
 * pays back what the refund rule still gives for that payment: never the same refund twice.)
 */
async function oneCancelAtATime(
  deps: AppDeps,
  { row }: LoadedSession,
  trx: Transaction<Database>,
  now: Date,
): Promise<void> {
  await lockSubscriber(trx, deps.dbKind, row.site_id, row.subscriber_id);
  const other = await trx
    .selectFrom('session_decisions')
    .select('session_id')
    .where('site_id', '=', row.site_id)
    .where('subscriber_id', '=', row.subscriber_id)
    .where('kind', 'in', ['cancel', 'withdraw'])
    .where('state', '=', 'applying')
    .where('session_id', '!=', row.id)
    .where('lease_until', '>', now.toISOString())
    .executeTakeFirst();
  if (other) {
    throw inProgress("a cancel is being applied in this subscriber's other session; retry shortly");
  }
}

/**
 * `after_save`: the subscriber took an offer, then cancelled in the same session — typically the
 * accept's answer never reached their browser, which offered "Continue to cancel". A cancel is never
 * refused because of an offer: the subscriber's last word wins, and the records say what happened.
 */
export type CancelStage = 'before_cancel' | 'after_save';

async function apply(
  deps: AppDeps,
  { row, site, claims, flow }: LoadedSession,
  stage: CancelStage,
  told: ToldCancel,
  baseUrl: string,
  markApplied: MarkApplied,
): Promise<Receipt> {
  const now = deps.now();
  // What billing is told; what the receipt states, once billing has answered.
  let record = told;
  try {
    const result = await deps.billingFor(site).cancel({
      siteId: site.id,
      sessionId: row.id,
      claims,
      idempotencyKey: `cancel:${row.id}`,
      receiptId: record.id,
      effectiveOn: record.effective_on || undefined,
      reasonId: record.reason_id ?? undefined,
      withdrawal: record.withdrawal === 1,
      confirmedAt: new Date(record.confirmed_at),
      now,
    });
    record = await refundedAsBillingSays(endedAsBillingSays(record, result?.endedOn), result?.refunded);
  } catch (error) {
    // Names the session (never the receipt id, which opens the receipt): an unknown outcome, such as a
    // refund refused after the cancel, is resolved by hand in the billing system.
    deps.log({ level: 'error', msg: 'billing cancel failed', site: site.id, session: row.id, error: String(error) });
    throw billingFailure(error, 'cancel the subscription');
  }

  const receipt = toReceipt(record, baseUrl);
  // The webhooks' time is when the outcome is recorded, after billing answered (see offers/accept.ts).
  const recordedAt = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cancellations')
      .values({ ...record, state: 'applied' })
      .execute();
    await trx
      .updateTable('sessions')
      .set({ status: 'cancelled', reason_id: record.reason_id, ended_at: now.toISOString() })
      .where('id', '=', row.id)
      // After an accept whose outcome is unknown the session is still open (or abandoned).
      .where('status', 'in', stage === 'after_save' ? ['open', 'abandoned', 'saved'] : ['open', 'abandoned'])
      .execute();
    if (stage === 'after_save') await undoSave(trx, row.id);
    await markApplied(trx, receipt);
    const subscriber = { sub: claims.sub, sid: claims.sid };
    const { url: _url, ...receiptData } = receipt;
    await enqueueWebhook(
      trx,
      site,
      'subscription.cancelled',
      { sessionId: row.id, flowId: row.flow_id, subscriber, reasonId: record.reason_id, receipt: receiptData },
      recordedAt,
      row.subscriber_id,
    );
    await enqueueWebhook(
      trx,
      site,
      'session.completed',
      { sessionId: row.id, flowId: row.flow_id, subscriber, status: 'cancelled', reasonId: record.reason_id },
      recordedAt,
      row.subscriber_id,
    );
    // §312k BGB: the confirmation in text form, without delay; queued with the outcome it confirms.
    await enqueueCancellationMail(trx, site, { row, claims, flow }, receipt, now);
  });
  deps.wakeWebhooks();
  return receipt;
}

/**
 * The subscription had already ended in billing (cancelled in its own dashboard while the flow was
 * open): the receipt, its mail and the webhook state the day billing says access ended, not the day
 * the flow would have ended it. Only a well-formed day is taken; anything else keeps the receipt's.
 */
function endedAsBillingSays(record: ToldCancel, endedOn: string | undefined): ToldCancel {
  if (endedOn === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(endedOn) || endedOn === record.effective_on) return record;
  return { ...record, effective_on: endedOn };
}

/**
 * Billing paid back less than the refund rule gives (the payment had been refunded already, wholly or
 * in part): the receipt, its mail and the webhook state what went back, not "you will be refunded
 * $49" again. A withdrawal's text stands (everything paid comes back, counting what came back before),
 * and so does the receipt when the report is not a number and a currency code.
 */
async function refundedAsBillingSays(record: ToldCancel, refunded: CancelResult['refunded']): Promise<ToldCancel> {
  if (!refunded || record.withdrawal === 1) return record;
  const { amount, currency } = refunded;
  if (!(Number.isFinite(amount) && amount >= 0) || !/^[A-Z]{3}$/.test(currency)) return record;
  const t = await translatorFor(record.locale);
  const refund =
    amount === 0 ? t.t('receipt.refundedAlready') : t.t('confirm.refundAmount', { amount: t.money(amount, currency) });
  return { ...record, refund };
}

/**
 * A save the subscriber cancelled in the same session saved nothing: its offer stays recorded (billing
 * applied it) as `cancelled_after`, which the offers report counts as accepted without MRR saved, and
 * it is no longer a save to verify. A "saved" email not sent yet is not sent (mail/sender.ts).
 */
async function undoSave(trx: Transaction<Database>, sessionId: string): Promise<void> {
  await trx
    .updateTable('offers_accepted')
    .set({ stage: 'cancelled_after' })
    .where('session_id', '=', sessionId)
    .where('stage', '=', 'before_cancel')
    .execute();
  await trx.deleteFrom('saves').where('session_id', '=', sessionId).execute();
}
