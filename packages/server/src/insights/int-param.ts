import type { Context } from 'hono';
import { HttpError } from '../http/errors.ts';

/**
 * A whole-number query parameter (`limit`, `offset`) in `min`–`max`, or `fallback` when absent. Digits
 * only: `Number()` also read `1e3`, `0x10`, `-0` and ` 5 ` as whole numbers, so the answer's `limit`
 * differed from what the URL said.
 */
export function intParam(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new HttpError(
      'bad_request',
      `${name} must be a whole number ${min}–${max} (got ${JSON.stringify(value.slice(0, 40))})`,
    );
  return n;
}

/**
 * A page of a list report (sessions, feedback): `limit` (default `fallback`, at most 1000; below 1 reads
 * as 1) and `offset` from the query, and `hasMore`: one row more than the page is read and dropped, so
 * a pager whose page is exactly full does not offer an empty next page.
 */
export async function readPage<T>(
  c: Context,
  { fallback, min }: { fallback: number; min: number },
  read: (limit: number, offset: number) => Promise<T[]>,
): Promise<{ rows: T[]; limit: number; offset: number; hasMore: boolean }> {
  const limit = Math.max(1, intParam(c.req.query('limit'), fallback, min, 1000, 'limit'));
  const offset = intParam(c.req.query('offset'), 0, 0, 10_000_000, 'offset');
  const rows = await read(limit + 1, offset);
  return { rows: rows.slice(0, limit), limit, offset, hasMore: rows.length > limit };
}
