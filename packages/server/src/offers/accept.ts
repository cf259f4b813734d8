import {
  CHANGES_SUBSCRIPTION,
  checkOfferChoice,
  isOfferEligible,
  type OfferChoice,
  type OfferStage,
  offersShownFor,
  type ResolvedFlow,
  type ResolvedOffer,
  shiftDays,
} from '@cancelflow/core';
import type { Transaction } from 'kysely';
import type { ApplyOfferResult } from '../billing/types.ts';
import { sameSubscription } from '../db/same-subscription.ts';
import type { Database } from '../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { enqueueMail } from '../mail/enqueue.ts';
import { pauseEnds, recordSave } from '../saves/record.ts';
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

/** How long after its start a session's offers may be taken. */
const OFFER_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface AcceptResponse {
  readonly offerId: string;
  readonly applied: true;
  readonly result?: ApplyOfferResult;
}

export interface AcceptRequest {
  readonly offerId: string;
  readonly choice?: OfferChoice | undefined;
  readonly reasonId?: string | undefined;
  /** The request's Idempotency-Key (or a fresh id), stored with the offer it applied. */
  readonly idempotencyKey: string;
}

/**
 * What billing is told, stored before it is told (see decision.ts), with the reason the offer was
 * checked against and the claiming request's Idempotency-Key: the server finishing an accept nobody
 * retried (resumeAccept) records the save under them. Claims stored before these were kept have
 * neither; the session's stored reason and the key in the claim's fingerprint are used then.
 */
interface ToldAccept {
  readonly offerId: string;
  readonly choice?: OfferChoice | undefined;
  readonly reasonId?: string | undefined;
  readonly idempotencyKey?: string | undefined;
}

/** The Idempotency-Key of the request that claimed an accept: a claim of an earlier version kept it in its fingerprint. */
function claimKey(told: ToldAccept, fingerprint: string): string | undefined {
  return told.idempotencyKey ?? (JSON.parse(fingerprint) as [string, ToldAccept, string?])[2];
}

/** Requests that ask for the same offer and choice share one decision and its answer, whatever their keys. */
function acceptFingerprint({ offerId, choice }: ToldAccept): string {
  return JSON.stringify(['accept', { offerId, ...(choice && { choice }) }]);
}

/**
 * Accepts an offer after re-checking everything on the server against the session's stored
 * resolution (computed from the signed token, never from the browser): the offer was shown in this
 * session (for the subscriber's reason, at this point), the choice is within its bounds, and the
 * session has not decided otherwise. Then the billing plugin applies it, once however many requests
 * overlap; only after that succeeds is the session marked saved.
 */
export async function acceptOffer(
  deps: AppDeps,
  session: LoadedSession,
  request: AcceptRequest,
): Promise<AcceptResponse> {
  const { row, flow } = session;
  if (row.status === 'saved') return answeredBefore(deps, row.id, request);
  // An `abandoned` session is still decided: the browser reports it as its tab closes, while an accept
  // already sent may be on its way (the same holds for a cancel). The offer window below bounds how late.
  // The offers were resolved for the claims and history of the session's start: a day later they may
  // no longer be this subscriber's (a plan changed, a cooldown began). A cancel is never refused for age.
  // An accept claimed in time and retried after (its outcome unknown) is finished: claimedBefore.
  if (
    deps.now().getTime() - Date.parse(row.created_at) > OFFER_WINDOW_MS &&
    !(await claimedBefore(deps, row.id, 'accept'))
  ) {
    throw new HttpError('conflict', 'this session started more than 24 hours ago; its offers have expired');
  }
  // After a confirmed cancel only the done step's offer may be taken (e.g. under `us-mn`).
  const stage: OfferStage = row.status === 'cancelled' ? 'after_cancel' : 'before_cancel';
  if (!isOfferEligible(flow, request.offerId, stage) || !wasShown(session, request, stage)) {
    // An offer of the flow's cancellation part, after the cancel: the session decided otherwise.
    if (stage === 'after_cancel' && isOfferEligible(flow, request.offerId, 'before_cancel')) {
      throw new HttpError('conflict', 'this session was already cancelled');
    }
    throw new HttpError('forbidden', 'this offer was not offered to this subscriber at this point of the session');
  }
  // A subscriber who took an offer and then cancelled (cancel/confirm.ts) has had one: billing applied it
  // (or may have), and the session records one accepted offer.
  if (stage === 'after_cancel' && (await offerTaken(deps, row.id))) {
    throw new HttpError('conflict', 'an offer was already taken in this session, before its cancel');
  }
  const offer = flow.offers[request.offerId] as ResolvedOffer;
  const checked = checkOfferChoice(offer, request.choice);
  if (!checked.ok) throw new HttpError('unprocessable', checked.problem);
  const told: ToldAccept = {
    offerId: request.offerId,
    ...(checked.choice && { choice: checked.choice }),
    ...(request.reasonId !== undefined && { reasonId: request.reasonId }),
    idempotencyKey: request.idempotencyKey,
  };
  try {
    return await decideOnce(
      deps,
      session,
      {
        stage,
        kind: 'accept',
        // What billing is told, not the request's key: the same offer and choice is one decision
        // whoever sends it. With the key in it, a request without one (an API client) could never
        // finish its own accept after a 502 "retry the same request" (each retry was another
        // decision: 409 "retry that instead"), nor a second tab the same accept the first left unknown.
        fingerprint: acceptFingerprint(told),
        told,
        guard: async (trx, now) => {
          // Both checks read the subscriber's other sessions: under the lock their decisions take too.
          await lockSubscriber(trx, deps.dbKind, session.row.site_id, session.row.subscriber_id);
          if (stage === 'before_cancel') await notCancelledElsewhere(session, trx, now);
          await outsideCooldown(session, offer, trx, now);
        },
      },
      (what, markApplied) => apply(deps, session, stage, what, request, markApplied),
    );
  } catch (error) {
    // Another accept of this session was recorded after this request read it as open (a second tab,
    // another process): name it, as for a session read as saved, or the widget shows a failure of a
    // save billing applied.
    if (stage === 'before_cancel' && error instanceof HttpError && error.code === 'conflict') {
      const taken = await alreadyAccepted(deps, row.id);
      if (taken.details.accepted) throw taken;
    }
    throw error;
  }
}

/**
 * One subscriber with the flow open in two windows: a cancel confirmed in the other since this session
 * started stands. Taking an offer here afterwards would thank them for staying while the other
 * window's receipt says cancelled, and billing would hold both; it is refused (409), as an offer is
 * after a cancel in the same session. Run under the subscriber's lock (the accept's guard), which the
 * cancel's claim takes too (cancel/confirm.ts), so the two are decided one after the other. Another subscription of theirs is
 * not affected; a cancel after an offer taken elsewhere is never refused (the subscriber's last word).
 */
async function notCancelledElsewhere({ row }: LoadedSession, trx: Transaction<Database>, now: Date): Promise<void> {
  const cancels = await trx
    .selectFrom('session_decisions as d')
    .innerJoin('sessions as s', 's.id', 'd.session_id')
    .select(['d.created_at', 'd.state', 'd.lease_until'])
    .where('d.site_id', '=', row.site_id)
    .where('d.subscriber_id', '=', row.subscriber_id)
    .where('d.kind', 'in', ['cancel', 'withdraw'])
    .where('d.session_id', '!=', row.id)
    .where('d.created_at', '>=', row.created_at)
    .where((eb) => sameSubscription(eb, 's.subscription_id', row.subscription_id))
    .execute();
  // A cancel billing has not answered yet may still be refused (its session is then open again): "that
  // cancel stands" would be untrue, so this offer waits for it (409 `in_progress`). One whose outcome
  // billing left unknown stands: the server finishes it (cancel/stranded.ts).
  const inFlight = (c: (typeof cancels)[number]) => c.state === 'applying' && c.lease_until > now.toISOString();
  const cancelled = cancels.find((c) => !inFlight(c));
  if (!cancelled && cancels.length > 0) {
    throw inProgress("a cancel is being applied in this subscriber's other session; retry shortly");
  }
  if (cancelled) {
    throw new HttpError(
      'conflict',
      `this subscription was cancelled in another window at ${cancelled.created_at}; that cancel stands`,
    );
  }
}

/**
 * The session's resolution applied cooldowns when it started, but a subscriber may have opened
 * several sessions before taking an offer in one: each would still offer it. So an offer whose type
 * has a cooldown is checked again against the server's own records, under the lock on the subscriber
 * the accept's guard takes, in the transaction that claims it: no offer of this type accepted in
 * another session within the cooldown, and no offer being applied there right now (its type is not
 * known until it is recorded: 409 `in_progress`, retried shortly). An accept there whose outcome billing left unknown may have
 * been applied: one of this type counts as taken until a retry settles it.
 */
async function outsideCooldown(
  { row, flow }: LoadedSession,
  offer: ResolvedOffer,
  trx: Transaction<Database>,
  now: Date,
): Promise<void> {
  const days = flow.config.limits?.cooldownDays?.[offer.type];
  if (!days) return;
  const unsettled = await trx
    .selectFrom('session_decisions as d')
    .innerJoin('sessions as s', 's.id', 'd.session_id')
    .select(['d.lease_until', 'd.told_json', 's.flow_json'])
    .where('d.site_id', '=', row.site_id)
    .where('d.subscriber_id', '=', row.subscriber_id)
    .where('d.kind', '=', 'accept')
    .where('d.state', '=', 'applying')
    .where('d.session_id', '!=', row.id)
    .execute();
  for (const other of unsettled) {
    if (other.lease_until > now.toISOString()) {
      throw inProgress("an offer is being applied in this subscriber's other session; retry shortly");
    }
    const { offerId } = JSON.parse(other.told_json) as ToldAccept;
    if ((JSON.parse(other.flow_json) as ResolvedFlow).offers[offerId]?.type === offer.type) {
      throw new HttpError(
        'forbidden',
        `billing has not confirmed whether this subscriber's ${offer.type} offer in another session was applied; it counts as taken within the flow's ${days}-day cooldown`,
      );
    }
  }
  const earlier = await trx
    .selectFrom('offers_accepted')
    .select('accepted_at')
    .where('site_id', '=', row.site_id)
    .where('subscriber_id', '=', row.subscriber_id)
    .where('offer_type', '=', offer.type)
    .where('session_id', '!=', row.id)
    .where('accepted_at', '>=', shiftDays(now, -days).toISOString())
    .executeTakeFirst();
  if (earlier) {
    throw new HttpError(
      'forbidden',
      `this subscriber accepted a ${offer.type} offer on ${earlier.accepted_at.slice(0, 10)}, within the flow's ${days}-day cooldown`,
    );
  }
}

/**
 * Finishes an accept whose claim was left unfinished — its process died while billing was told, or
 * billing's outcome was unknown — once its lease has passed and nobody retried it (cancel/stranded.ts):
 * billing is told what the claim stored, under the same idempotency key (`accept:<session>`), and the
 * outcome is recorded as the subscriber's retry would have: the offer, the save, `offer.accepted`,
 * `session.completed` and the "saved" mail, once. Never claims a decision of its own.
 *
 * Not after the subscription was cancelled since — in this session (a cancel after the save) or in
 * another of the subscriber's: the cancel is the subscriber's last word, and an offer applied on top
 * of it would pause or discount a subscription they ended. That is refused with 409 `conflict`, and the
 * server gives the accept up (its claim stays: billing may have applied it before the crash).
 */
export function resumeAccept(
  deps: AppDeps,
  session: LoadedSession,
  stage: OfferStage,
  fingerprint: string,
): Promise<AcceptResponse> {
  return decideOnce(
    deps,
    session,
    // `told` is the claim's own, read when it is taken over.
    {
      stage,
      kind: 'accept',
      fingerprint,
      told: undefined as unknown as ToldAccept,
      resumeOnly: true,
      guard: async (trx, now) => {
        // Under the lock a cancel's claim takes too (cancel/confirm.ts): one of the two goes first.
        await lockSubscriber(trx, deps.dbKind, session.row.site_id, session.row.subscriber_id);
        if (stage === 'before_cancel') {
          await notCancelledInSession(session, trx);
          // A cancel in flight there answers `in_progress`: the pass tries this accept again later.
          await notCancelledElsewhere(session, trx, now);
        }
      },
    },
    (told, markApplied) =>
      apply(
        deps,
        session,
        stage,
        told,
        {
          offerId: told.offerId,
          idempotencyKey: claimKey(told, fingerprint) ?? `accept:${session.row.id}`,
          reasonId: told.reasonId,
        },
        markApplied,
      ),
  );
}

/** A cancel claimed in this session after its accept (stage `after_save`) stands: see resumeAccept. */
async function notCancelledInSession({ row }: LoadedSession, trx: Transaction<Database>): Promise<void> {
  const cancel = await trx
    .selectFrom('session_decisions')
    .select('kind')
    .where('session_id', '=', row.id)
    .where('kind', 'in', ['cancel', 'withdraw'])
    .executeTakeFirst();
  if (cancel) throw new HttpError('conflict', 'this session was cancelled after its offer was accepted');
}

/** Before the cancel, the offer must be one the engine showed for the reason given (or stored). */
function wasShown({ row, flow }: LoadedSession, request: AcceptRequest, stage: OfferStage): boolean {
  if (stage === 'after_cancel') return true; // `isOfferEligible` allows only the done step's offer
  if (request.reasonId !== undefined && !Object.hasOwn(flow.reasonOffers, request.reasonId)) {
    checkReason(flow, request.reasonId);
  }
  return offersShownFor(flow, request.reasonId ?? row.reason_id ?? undefined).has(request.offerId);
}

async function apply(
  deps: AppDeps,
  { row, flow, site, claims }: LoadedSession,
  stage: OfferStage,
  { offerId, choice }: ToldAccept,
  { idempotencyKey, reasonId: reason }: AcceptRequest,
  markApplied: MarkApplied,
): Promise<AcceptResponse> {
  const offer = flow.offers[offerId] as ResolvedOffer;
  const now = deps.now();
  let result: ApplyOfferResult;
  try {
    result = await deps.billingFor(site).applyOffer({
      siteId: site.id,
      sessionId: row.id,
      claims,
      // One key per decision: the done step's offer is another one than an accept before the cancel.
      idempotencyKey: stage === 'after_cancel' ? `accept:${row.id}:after_cancel` : `accept:${row.id}`,
      stage,
      offerId,
      offer,
      choice,
      now,
    });
  } catch (error) {
    deps.log({
      level: 'error',
      msg: 'billing applyOffer failed',
      site: site.id,
      session: row.id,
      error: String(error),
    });
    throw billingFailure(error, 'apply this offer');
  }
  const answer: AcceptResponse = { offerId, applied: true, ...(Object.keys(result).length > 0 ? { result } : {}) };
  // The webhooks' time is when the outcome is recorded, after billing answered: a `session.completed`
  // of `abandoned` (the tab closed meanwhile) must not look later than the outcome (docs/server.md).
  const recordedAt = deps.now();

  await deps.db.transaction().execute(async (trx) => {
    // An offer taken was shown, whether or not the browser's `offer_shown` event arrived (a lost
    // beacon, an API client): the offers report counts each session and offer once, so its
    // acceptance rate stays a share of the sessions shown the offer.
    await trx
      .insertInto('events')
      .values({
        id: `server:offer_shown:${row.id}:${offerId}`,
        session_id: row.id,
        type: 'offer_shown',
        at: now.toISOString(),
        received_at: now.toISOString(),
        payload_json: JSON.stringify({ offerId, offerType: offer.type }),
        offer_id: offerId,
        reason_id: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    // Before the cancel the session ends saved (a browser's `abandoned` may have raced this accept),
    // under the reason the offer was checked against (its `reason_selected` event may come after this
    // request); after the cancel it stays cancelled and only records the offer.
    const reasonId = reason ?? row.reason_id;
    const saved =
      stage === 'before_cancel'
        ? await trx
            .updateTable('sessions')
            .set({ status: 'saved', offer_id: offerId, reason_id: reasonId, ended_at: now.toISOString() })
            .where('id', '=', row.id)
            .where('status', 'in', ['open', 'abandoned'])
            .executeTakeFirst()
        : undefined;
    const savedNow = Number(saved?.numUpdatedRows ?? 0n) === 1;
    // Before the cancel, a session no longer open was cancelled after this accept's claim, when its
    // outcome was unknown (cancel/confirm.ts): the offer, applied now, saved nothing.
    const recorded = stage === 'before_cancel' && !savedNow ? 'cancelled_after' : stage;
    await trx
      .insertInto('offers_accepted')
      .values({
        session_id: row.id,
        site_id: site.id,
        subscriber_id: row.subscriber_id,
        offer_id: offerId,
        offer_type: offer.type,
        choice_json: choice ? JSON.stringify(choice) : null,
        idempotency_key: idempotencyKey,
        state: 'applied',
        result_json: JSON.stringify(result),
        accepted_at: now.toISOString(),
        stage: recorded,
      })
      .execute();
    await markApplied(trx, answer);
    const subscriber = { sub: claims.sub, sid: claims.sid };
    const common = { sessionId: row.id, flowId: row.flow_id, subscriber };
    await enqueueWebhook(
      trx,
      site,
      'offer.accepted',
      { ...common, offerId, offerType: offer.type, choice, result },
      recordedAt,
      row.subscriber_id,
    );
    if (savedNow) {
      // The save's email confirms a change to the subscription; a call booked or a link followed
      // changed none, unless billing says what it did.
      if (CHANGES_SUBSCRIPTION[offer.type] || result.message) {
        await enqueueMail(trx, site, { row, claims }, 'saved', { offerId, ...(choice ? { choice } : {}), result }, now);
      }
      // Verified against billing from now on: retained only if still paying N days later.
      await recordSave(trx, {
        sessionId: row.id,
        siteId: site.id,
        flowId: row.flow_id,
        claims,
        offerId,
        currency: row.currency,
        mrr: row.mrr,
        createdDay: row.created_day,
        createdWeek: row.created_week,
        pauseUntil: offer.type === 'pause' ? pauseEnds(offer, choice, result, now) : undefined,
        afterDays: site.retainedAfterDays,
        now,
      });
      await enqueueWebhook(
        trx,
        site,
        'session.completed',
        { ...common, status: 'saved', offerId, reasonId },
        recordedAt,
        row.subscriber_id,
      );
    }
  });
  deps.wakeWebhooks();
  return answer;
}

/**
 * An accept in a session that already took an offer. The retry of the very request that took it (its
 * Idempotency-Key and offer) gets that request's answer: its first process died, or billing's outcome
 * was unknown, and the server finished it meanwhile (cancel/stranded.ts). Any other, the same offer
 * from another tab too, gets the 409 of alreadyAccepted, which names the offer taken (docs/security.md).
 */
async function answeredBefore(deps: AppDeps, sessionId: string, request: AcceptRequest): Promise<AcceptResponse> {
  const decision = await deps.db
    .selectFrom('session_decisions')
    .select(['kind', 'state', 'fingerprint', 'told_json', 'answer_json'])
    .where('session_id', '=', sessionId)
    .where('stage', '=', 'before_cancel')
    .executeTakeFirst();
  if (decision?.kind === 'accept' && decision.state === 'applied' && decision.answer_json) {
    const told = JSON.parse(decision.told_json) as ToldAccept;
    if (claimKey(told, decision.fingerprint) === request.idempotencyKey && told.offerId === request.offerId) {
      return JSON.parse(decision.answer_json) as AcceptResponse;
    }
  }
  throw await alreadyAccepted(deps, sessionId);
}

/**
 * The 409 for an accept in a session that already took an offer, naming it (`accepted`: its id,
 * choice and billing's result): typically the first accept's answer was lost, and the subscriber,
 * told it failed, tries again, perhaps with another choice. The widget then shows the save as it is.
 */
async function alreadyAccepted(deps: AppDeps, sessionId: string): Promise<HttpError> {
  const taken = await deps.db
    .selectFrom('offers_accepted')
    .select(['offer_id', 'choice_json', 'result_json'])
    .where('session_id', '=', sessionId)
    .where('stage', '=', 'before_cancel')
    .executeTakeFirst();
  const accepted = taken && {
    offerId: taken.offer_id,
    ...(taken.choice_json && { choice: JSON.parse(taken.choice_json) as OfferChoice }),
    result: JSON.parse(taken.result_json ?? '{}') as ApplyOfferResult,
  };
  return new HttpError('conflict', 'an offer was already accepted in this session', {}, accepted ? { accepted } : {});
}
