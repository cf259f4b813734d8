/** What `drain` needs of an outbox (webhooks, mail). */
export interface DrainOptions<Row extends { readonly id: string }> {
  /** Deliveries in flight at once. */
  readonly concurrency: number;
  /** Of those, at most this many for one site: a slow or hanging receiver holds its own slots only. */
  readonly perSite: number;
  /** Due rows, oldest first, none of `exclude` (those in flight here), at most `limit`. */
  readonly due: (exclude: readonly string[], limit: number) => Promise<readonly Row[]>;
  /** Takes (leases) and delivers one row, recording the outcome; rejects only when the database fails. */
  readonly deliver: (row: Row) => Promise<void>;
  readonly siteOf: (row: Row) => string;
  readonly stopped: () => boolean;
  /** Resolves when a new row is queued (the sender was woken), to look for it without waiting for a slot. */
  readonly woken: () => Promise<void>;
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
export async function drain<Row extends { readonly id: string }>(options: DrainOptions<Row>): Promise<void> {
  const inFlight = new Map<string, Promise<void>>();
  const perSite = new Map<string, number>();
  let failure: { error: unknown } | undefined;
  for (;;) {
    let started = 0;
    if (!failure && !options.stopped() && inFlight.size < options.concurrency) {
      const due = await options.due([...inFlight.keys()], options.concurrency * 4);
      for (const row of due) {
        if (inFlight.size >= options.concurrency) break;
        const site = options.siteOf(row);
        const held = perSite.get(site) ?? 0;
        if (held >= options.perSite) continue;
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
        options.woken(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, options.pollMs);
        }),
      ]);
      clearTimeout(timer);
    }
  }
  if (failure) throw failure.error;
}
