import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';

/**
 * Postgres cannot store U+0000 in text, or take it as a query parameter (SQLite can): a request
 * carrying one failed there with a 500, and the same request passed on SQLite. Such input is refused
 * or cleaned where it enters, on both databases alike, so the two behave the same.
 */
export const NUL = '\u0000';

/** Where in `value` (a token's claims, say) a string holds U+0000: its path (`attrs.team`), or undefined. */
export function nulAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes(NUL)) return path ? `${path}.${key}` : key;
    const found = nulAt(inner, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Refuses a query string with U+0000 in a parameter (the admin API's filters and search). */
export const refuseNulInQuery: MiddlewareHandler = async (c, next) => {
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (name.includes(NUL) || values.some((value) => value.includes(NUL)))
      throw new HttpError('bad_request', `query parameter ${JSON.stringify(name)} contains a NUL character (U+0000)`);
  }
  await next();
};
