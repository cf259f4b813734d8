/** An outbox row as `drain` sees it: which one, and whose. */
type Row = { readonly id: string; readonly site_id: string };

/** A sender's signal that a row was queued: `wake()` ends the wait of the `next()` in progress. */
export class Wakeup {
  private resolve: (() => void) | undefined;
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.resolve = resolve;
    });
  }
  wake(): void {
    this.resolve?.();
  }
}

/** What `drain` needs of an outbox (webhooks, mail). */
export interface DrainOptions<R extends Row> {
  /** Deliveries in flight at once; one site holds at most half of them (at least one). */
  readonly concurrency: number;
  /** Due rows, oldest first, none of `exclude` (those in flight here), at most `limit`. */
  readonly due: (exclude: readonly string[], limit: number) => Promise<readonly R[]>;
  /** Takes (leases) and delivers one row, recording the outcome; rejects only when the database fails. */
  readonly deliver: (row: R) => Promise<void>;
  readonly stopped: () => boolean;
  /** Woken when a row is queued, to look for it without waiting for a slot. */
  readonly woken: Wakeup;
  /** While every slot is busy, how often to look again for rows that fell due. */
  readonly pollMs: number;
}

/**
 * Delivers what is due, keeping up to `concurrency` deliveries going: each slot takes the next due
 * row as soon as it frees (not once the slowest of a batch is done), and no site holds more than
 * `perSite` slots, so one site's slow receiver delays no other site. Returns once nothing is due
 * and nothing is in flight; after a failed delivery it takes nothing more, and rejects once the
 * others have finished (the caller logs it and tries again at its next poll).
 */
export async function drain<R extends Row>(options: DrainOptions<R>): Promise<void> {
  // A slow or hanging receiver holds its own site's slots only.
  const perSiteLimit = Math.max(1, Math.floor(options.concurrency / 2));
  const inFlight = new Map<string, Promise<void>>();
  const perSite = new Map<string, number>();
  let failure: { error: unknown } | undefined;
  for (;;) {
    let started = 0;
    if (!failure && !options.stopped() && inFlight.size < options.concurrency) {
      const due = await options.due([...inFlight.keys()], options.concurrency * 4);
      for (const row of due) {
        if (inFlight.size >= options.concurrency) break;
        const site = row.site_id;
        const held = perSite.get(site) ?? 0;
        if (held >= perSiteLimit) continue;
        perSite.set(site, held + 1);
        const delivery = options
          .deliver(row)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => {
            inFlight.delete(row.id);
            perSite.set(site, (perSite.get(site) ?? 1) - 1);
          });
        inFlight.set(row.id, delivery);
        started++;
      }
    }
    if (inFlight.size === 0) break;
    // Nothing more could start (all slots busy, nothing due, or only busy sites' rows): wait for a
    // slot, a new row, or the next poll.
    if (started === 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        ...inFlight.values(),
        options.woken.next(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, options.pollMs);
        }),
      ]);
      clearTimeout(timer);
    }
  }
  if (failure) throw failure.error;
}

/**
 * Waits for `work` (a sender's pass) at most `graceMs`; past that calls `halt` (which aborts the
 * deliveries in flight, so they end as failed tries) and waits for `work` to wind up. A receiver or
 * SMTP server that does not answer would otherwise hold a stopping server for its whole timeout.
 */
export async function finishWithin(work: Promise<unknown> | undefined, graceMs: number, halt: () => void) {
  if (!work) return;
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([settled, late])) === 'late') halt();
  clearTimeout(timer);
  await settled;
}
