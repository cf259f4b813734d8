import type { OfferStage } from '@cancelflow/core';
import { BillingError } from '../billing/types.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { resumeAccept } from '../offers/accept.ts';
import { every } from '../periodic.ts';
import { loadedFrom } from '../sessions/load.ts';
import { type CancelStage, resumeCancel } from './confirm.ts';

/** Unfinished decisions taken up per pass; the rest wait for the next one. */
const PER_PASS = 20;
/** The longest wait between two of the server's tries of one decision that billing keeps failing. */
export const MAX_RESUME_WAIT_MS = 3_600_000;
/**
 * The server's tries of an accept billing keeps failing, after which it gives the accept up: with the
 * 60 s lease, about two hours of tries (1, 2, 4 … 32 minutes, then one hour).
 */
export const ACCEPT_TRIES = 8;

/**
 * The wait after the server's `attempt`-th failed try (1, 2, …): the lease period, doubled after each
 * failure, up to an hour. Billing that answers "unknown" for hours (an outage, a refund someone must
 * resolve by hand) is then asked about once an hour instead of once a minute — and a cancel is never
 * given up on: the subscriber asked to cancel.
 */
export function resumeWaitMs(leaseMs: number, attempt: number): number {
  return Math.min(leaseMs * 2 ** Math.min(attempt - 1, 40), MAX_RESUME_WAIT_MS);
}

/**
 * A decision is claimed before billing is told (sessions/decision.ts). If the process dies before the
 * outcome is recorded — or billing's outcome was unknown — only a retry of the same request used to
 * finish it, after the claim's lease. A subscriber who closed the tab never retries, and the widget
 * stops polling the other processes' 409s after 15 s, well inside the 60 s lease: billing had
 * cancelled, yet no receipt, webhook or confirmation mail (§312k BGB) ever followed; or billing had
 * paused the subscription, yet no save was recorded, counted, announced or mailed.
 *
 * Every server process therefore looks, each lease period, for cancels, withdrawals and accepts whose
 * lease has passed and finishes them as the retry would: the same thing told to billing under the same
 * idempotency key, then the outcome, webhooks and mail in one transaction. Taking one over is a
 * conditional update, so of several processes (and a retry arriving at the same moment) one does it.
 * A decision that billing keeps failing is tried again after a wait that doubles each time, up to an
 * hour (`resumeWaitMs`), with a warning naming the session and the try. A cancel is never given up.
 * An accept is, after `ACCEPT_TRIES` tries: it is no obligation, and an offer applied many hours after
 * the subscriber took it (a pause starting late, a discount after the invoice it was for) is not what
 * they were shown. Its claim stays — billing may have applied it — so it still counts as taken, a
 * retry by the subscriber may still finish it, and the error logged names the session to check in
 * billing by hand. Billing refusing it ends it at once: nothing was applied, and the session is open.
 */
export function finishStrandedDecisions(deps: AppDeps, baseUrl: () => string): { stop(): Promise<void> } {
  return every(deps.leaseMs, () =>
    finishPass(deps, baseUrl()).catch((error) =>
      deps.log({ level: 'error', msg: 'unfinished decisions pass failed', error: String(error) }),
    ),
  );
}

/** One pass: finishes what is stranded now; returns how many it finished. */
export async function finishPass(deps: AppDeps, baseUrl: string): Promise<number> {
  // Only the configured sites' (one no longer configured would take a place in every pass).
  const sites = deps.sites.sites.map((s) => s.id);
  if (sites.length === 0) return 0;
  const stranded = await deps.db
    .selectFrom('session_decisions as d')
    .innerJoin('sessions as s', 's.id', 'd.session_id')
    .selectAll('s')
    .select(['d.stage', 'd.kind', 'd.fingerprint', 'd.resume_attempts'])
    .where('d.state', '=', 'applying')
    .where('d.lease_until', '<', deps.now().toISOString())
    .where((eb) => eb.or([eb('d.resume_after', 'is', null), eb('d.resume_after', '<=', deps.now().toISOString())]))
    .where((eb) =>
      eb.or([
        eb('d.kind', 'in', ['cancel', 'withdraw']),
        eb.and([eb('d.kind', '=', 'accept'), eb('d.resume_attempts', '<', ACCEPT_TRIES)]),
      ]),
    )
    .where('d.site_id', 'in', sites)
    .orderBy('d.lease_until')
    .limit(PER_PASS)
    .execute();
  let finished = 0;
  for (const { stage, kind, fingerprint, resume_attempts, ...row } of stranded) {
    const site = deps.sites.get(row.site_id);
    if (!site) continue;
    const id = row.id;
    const what = kind === 'accept' ? 'accept' : 'cancel';
    const giveUp = (attempt: number) =>
      deps.db
        .updateTable('session_decisions')
        .set({ resume_attempts: attempt })
        .where('session_id', '=', id)
        .where('stage', '=', stage)
        .where('state', '=', 'applying')
        .execute();
    try {
      const session = loadedFrom(row, site);
      if (kind === 'accept') await resumeAccept(deps, session, stage as OfferStage, fingerprint);
      else await resumeCancel(deps, session, stage as CancelStage, kind as 'cancel' | 'withdraw', baseUrl);
      finished++;
      deps.log({ level: 'info', msg: `finished an unfinished ${what}`, site: site.id, session: id });
    } catch (error) {
      if (error instanceof HttpError && error.code === 'in_progress') {
        // Taken over by the subscriber's retry or another process, or waiting for the subscriber's
        // other cancel: billing was not told anything here, so it is no failed try.
        deps.log({ level: 'info', msg: `unfinished ${what} taken up elsewhere`, site: site.id, session: id });
        continue;
      }
      if (error instanceof HttpError && error.code === 'conflict') {
        if (kind === 'accept') {
          // The subscription was cancelled since (resumeAccept); billing was told nothing here.
          await giveUp(ACCEPT_TRIES);
          deps.log({
            level: 'warn',
            msg: 'unfinished accept given up: the subscription was cancelled since; that cancel stands',
            site: site.id,
            session: id,
          });
        } else {
          deps.log({ level: 'info', msg: 'unfinished cancel taken up elsewhere', site: site.id, session: id });
        }
        continue;
      }
      const cause = error instanceof HttpError ? error.cause : error;
      if (cause instanceof BillingError && cause.outcome === 'refused') {
        // Billing says nothing was applied: the claim is dropped (decision.ts), the session open again,
        // and there is nothing to try again. A cancel the subscriber asked for and nobody will be told
        // of is an error for someone to look at; an offer not applied is the usual refusal.
        deps.log(
          kind === 'accept'
            ? {
                level: 'warn',
                msg: 'unfinished accept refused by billing: nothing was applied; the session is open again',
                site: site.id,
                session: id,
              }
            : {
                level: 'error',
                msg: `unfinished ${kind} refused by billing: nothing was cancelled; the session is open again and the subscriber was not told`,
                site: site.id,
                session: id,
                error: String(error),
              },
        );
        continue;
      }
      // Billing failed again (the decision logged billing's error itself): try later, each time later.
      const attempt = Number(resume_attempts) + 1;
      if (kind === 'accept' && attempt >= ACCEPT_TRIES) {
        await giveUp(attempt);
        deps.log({
          level: 'error',
          msg: `accept given up after ${attempt} tries: billing never confirmed it; check the subscription in billing`,
          site: site.id,
          session: id,
          attempt,
          error: String(error),
        });
        continue;
      }
      const waitMs = resumeWaitMs(deps.leaseMs, attempt);
      const next = new Date(deps.now().getTime() + waitMs).toISOString();
      await deps.db
        .updateTable('session_decisions')
        .set({ resume_attempts: attempt, resume_after: next })
        .where('session_id', '=', id)
        .where('stage', '=', stage)
        .where('state', '=', 'applying')
        .execute();
      deps.log({
        level: 'warn',
        msg: `${what} not finished yet: billing failed on try ${attempt}; next try in ${Math.round(waitMs / 1000)} s`,
        site: site.id,
        session: id,
        attempt,
        waitMs,
        nextTryAt: next,
        error: String(error),
      });
    }
  }
  return finished;
}
