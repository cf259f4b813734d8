import { checkOfferChoice, isOfferEligible, type OfferChoice, type ResolvedOffer } from '@cancelflow/core';
import type { ApplyOfferResult } from '../billing/types.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import type { LoadedSession } from '../sessions/load.ts';
import { enqueueWebhook } from '../webhooks/outbox.ts';

export interface AcceptResponse {
  readonly offerId: string;
  readonly applied: true;
  readonly result?: ApplyOfferResult;
}

/**
 * Accepts an offer after re-checking everything on the server against the session's stored
 * resolution (computed from the signed token, never from the browser): the offer was offered in this
 * session, the choice is within its bounds, and nothing was accepted yet. Then the billing plugin
 * applies it; only after that succeeds is the session marked saved.
 */
export async function acceptOffer(
  deps: AppDeps,
  session: LoadedSession,
  request: { offerId: string; choice?: OfferChoice | undefined; idempotencyKey: string },
): Promise<AcceptResponse> {
  const { row, flow, site, claims } = session;
  // After a confirmed cancel only the done step's offer may be taken (e.g. under `us-mn`).
  const stage = row.status === 'cancelled' ? 'after_cancel' : 'before_cancel';
  if (!isOfferEligible(flow, request.offerId, stage)) {
    throw new HttpError('forbidden', 'this offer was not offered to this subscriber at this point of the session');
  }
  const offer = flow.offers[request.offerId] as ResolvedOffer;
  const checked = checkOfferChoice(offer, request.choice);
  if (!checked.ok) throw new HttpError('unprocessable', checked.problem);
  const choice = checked.choice;
  if (row.status === 'saved') throw new HttpError('conflict', 'an offer was already accepted in this session');
  if (row.status === 'abandoned') throw new HttpError('conflict', 'this session has ended');

  const now = deps.now();
  const reserved = await deps.db
    .insertInto('offers_accepted')
    .values({
      session_id: row.id,
      site_id: site.id,
      subscriber_id: row.subscriber_id,
      offer_id: request.offerId,
      offer_type: offer.type,
      choice_json: choice ? JSON.stringify(choice) : null,
      idempotency_key: request.idempotencyKey,
      state: 'applying',
      result_json: null,
      accepted_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('session_id').doNothing())
    .executeTakeFirst();
  if (Number(reserved.numInsertedOrUpdatedRows ?? 0n) === 0) {
    const existing = await deps.db
      .selectFrom('offers_accepted')
      .select(['idempotency_key', 'state', 'offer_id'])
      .where('session_id', '=', row.id)
      .executeTakeFirst();
    // The same accept retried after a crash between billing and commit: billing again is safe
    // (plugins are idempotent by key); anything else is a second accept.
    const resumable =
      existing?.state === 'applying' &&
      existing.idempotency_key === request.idempotencyKey &&
      existing.offer_id === request.offerId;
    if (!resumable) throw new HttpError('conflict', 'an offer was already accepted in this session');
  }

  let result: ApplyOfferResult;
  try {
    result = await deps.billingFor(site).applyOffer({
      siteId: site.id,
      sessionId: row.id,
      claims,
      idempotencyKey: `accept:${row.id}`,
      offerId: request.offerId,
      offer,
      choice,
      now,
    });
  } catch (error) {
    await deps.db
      .deleteFrom('offers_accepted')
      .where('session_id', '=', row.id)
      .where('state', '=', 'applying')
      .execute();
    deps.log({ level: 'error', msg: 'billing applyOffer failed', site: site.id, error: String(error) });
    throw new HttpError('billing_failed', 'the billing system could not apply this offer; nothing was changed');
  }

  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('offers_accepted')
      .set({ state: 'applied', result_json: JSON.stringify(result) })
      .where('session_id', '=', row.id)
      .execute();
    const saved = await trx
      .updateTable('sessions')
      .set({ status: 'saved', offer_id: request.offerId, ended_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    const subscriber = { sub: claims.sub, sid: claims.sid };
    await enqueueWebhook(
      trx,
      site,
      'offer.accepted',
      {
        sessionId: row.id,
        flowId: row.flow_id,
        subscriber,
        offerId: request.offerId,
        offerType: offer.type,
        choice,
        result,
      },
      now,
      row.subscriber_id,
    );
    if (Number(saved.numUpdatedRows) === 1) {
      await enqueueWebhook(
        trx,
        site,
        'session.completed',
        {
          sessionId: row.id,
          flowId: row.flow_id,
          subscriber,
          status: 'saved',
          offerId: request.offerId,
          reasonId: row.reason_id,
        },
        now,
        row.subscriber_id,
      );
    }
  });
  deps.wakeWebhooks();
  return { offerId: request.offerId, applied: true, ...(Object.keys(result).length > 0 ? { result } : {}) };
}
