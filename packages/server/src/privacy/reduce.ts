/**
 * What the retention job's reductions share: a stored JSON object cut down to the keys its rows are
 * still read by, and a pass over a table in batches, each row rewritten and marked done.
 */

/** `json`'s object with only `keys` (those it has); anything else than an object gives `{}`. */
export function keepKeys(json: string, keys: readonly string[]): string {
  const value = JSON.parse(json) as unknown;
  const kept: Record<string, unknown> = {};
  if (value !== null && typeof value === 'object') {
    for (const key of keys) if (key in value) kept[key] = (value as Record<string, unknown>)[key];
  }
  return JSON.stringify(kept);
}

const BATCH = 500;

/**
 * Reads up to a batch of the rows still to reduce (`next(limit)`), reduces each (`reduce`, which also
 * marks it so the next read skips it), until a read comes back short. Returns how many were reduced.
 */
export async function inBatches<Row>(
  next: (limit: number) => Promise<Row[]>,
  reduce: (row: Row) => Promise<unknown>,
): Promise<number> {
  let changed = 0;
  for (;;) {
    const rows = await next(BATCH);
    for (const row of rows) await reduce(row);
    changed += rows.length;
    if (rows.length < BATCH) return changed;
  }
}
