import type { AppDeps } from '../deps.ts';
import { every } from '../periodic.ts';
import { loadedFrom } from '../sessions/load.ts';
import { type CancelStage, resumeCancel } from './confirm.ts';

/** Unfinished cancels taken up per pass; the rest wait for the next one. */
const PER_PASS = 20;

/**
 * A cancel is claimed before billing is told (sessions/decision.ts). If the process dies before the
 * outcome is recorded — or billing's outcome was unknown — only a retry of the same request used to
 * finish it, after the claim's lease. A subscriber who closed the tab never retries, and the widget
 * stops polling the other processes' 409s after 15 s, well inside the 60 s lease: billing had
 * cancelled, yet no receipt, webhook or confirmation mail (§312k BGB) ever followed.
 *
 * Every server process therefore looks, each lease period, for cancels and withdrawals whose lease
 * has passed and finishes them as the retry would: the same thing told to billing under the same
 * idempotency key, then the outcome, webhooks and mail in one transaction. Taking one over is a
 * conditional update, so of several processes (and a retry arriving at the same moment) one does it.
 */
export function finishStrandedCancels(deps: AppDeps, baseUrl: () => string): { stop(): Promise<void> } {
  return every(deps.leaseMs, () =>
    finishPass(deps, baseUrl()).catch((error) =>
      deps.log({ level: 'error', msg: 'unfinished cancels pass failed', error: String(error) }),
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
    .select(['d.stage', 'd.kind'])
    .where('d.state', '=', 'applying')
    .where('d.lease_until', '<', deps.now().toISOString())
    .where('d.kind', 'in', ['cancel', 'withdraw'])
    .where('d.site_id', 'in', sites)
    .orderBy('d.lease_until')
    .limit(PER_PASS)
    .execute();
  let finished = 0;
  for (const { stage, kind, ...row } of stranded) {
    const site = deps.sites.get(row.site_id);
    if (!site) continue;
    const id = row.id;
    try {
      await resumeCancel(deps, loadedFrom(row, site), stage as CancelStage, kind as 'cancel' | 'withdraw', baseUrl);
      finished++;
      deps.log({ level: 'info', msg: 'finished an unfinished cancel', site: site.id, session: id });
    } catch (error) {
      // Taken over by a retry or another process (409), or billing failed again (logged by the cancel
      // itself, and tried again next pass).
      deps.log({
        level: 'warn',
        msg: 'unfinished cancel not finished yet',
        site: site.id,
        session: id,
        error: String(error),
      });
    }
  }
  return finished;
}
