import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/tables.ts';
import { type InsightFilters, sessionConditions } from './filters.ts';
import { rate } from './stats.ts';

/**
 * Saves verified against billing (docs/billing.md, "Saves verified"). A save is *retained* when the
 * subscriber still paid on its due day (N days after it), *lost* when billing said otherwise before
 * then, and *pending* until the day comes. `retainedRate` = retained / (retained + lost): pending
 * saves are in neither. `mrrRetained` sums the MRR of retained saves per currency, never across.
 * Counted from `save_counts` (rolled up like `session_counts`), never from one row per save.
 */
export interface Retention {
  retained: number;
  lost: number;
  pending: number;
  retainedRate: number | null;
  mrrRetained: Record<string, number>;
}

const empty = () => ({ retained: 0, lost: 0, pending: 0, mrrRetained: {} as Record<string, number> });
type Tally = ReturnType<typeof empty>;

export const finish = (t: Tally): Retention => ({ ...t, retainedRate: rate(t.retained, t.retained + t.lost) });

/**
 * Counts of saves per `group` (an offer id, a period, a site), due day, paying or not and currency
 * (a due day per day of saves: a few rows per day), folded into a Retention per group.
 */
export async function retentionBy(
  db: Kysely<Database>,
  f: InsightFilters,
  today: string,
  group: RawBuilder<string>,
): Promise<Map<string, Retention>> {
  const rows = await db
    .selectFrom('save_counts')
    .select((eb) => [
      group.as('grp'),
      'due_day',
      'paying',
      'currency',
      eb.fn.sum('n').as('n'),
      eb.fn.sum('mrr_micros').as('mrr'),
      eb.fn.sum('mrr_count').as('withMrr'),
    ])
    .where(sessionConditions(f, 'save_counts'))
    .groupBy([group, 'due_day', 'paying', 'currency'])
    .execute();
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const tally = tallies.get(row.grp) ?? empty();
    const n = Number(row.n);
    if (row.due_day > today) tally.pending += n;
    else if (Number(row.paying) === 1) {
      tally.retained += n;
      if (Number(row.withMrr) > 0) {
        const currency = row.currency || 'unknown';
        tally.mrrRetained[currency] = (tally.mrrRetained[currency] ?? 0) + Number(row.mrr) / 1_000_000;
      }
    } else tally.lost += n;
    tallies.set(row.grp, tally);
  }
  return new Map([...tallies].map(([key, t]) => [key, finish(t)]));
}

/** All saves matching the filters (grouped by site, then added: Postgres groups by no constant). */
export async function retention(db: Kysely<Database>, f: InsightFilters, today: string): Promise<Retention> {
  const total = empty();
  for (const r of (await retentionBy(db, f, today, sql<string>`site_id`)).values()) {
    total.retained += r.retained;
    total.lost += r.lost;
    total.pending += r.pending;
    for (const [currency, amount] of Object.entries(r.mrrRetained)) {
      total.mrrRetained[currency] = (total.mrrRetained[currency] ?? 0) + amount;
    }
  }
  return finish(total);
}

export const noRetention = (): Retention => finish(empty());
