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
