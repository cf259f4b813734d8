import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';

/**
 * Text the databases cannot keep as it was sent, refused or cleaned where it enters so that both
 * behave alike and what is stored reads back as what was checked:
 * - U+0000: Postgres cannot store it in text or take it as a query parameter (SQLite can), so a request
 *   carrying one failed there with a 500 and passed on SQLite.
 * - An unpaired UTF-16 surrogate (`"\ud800"` in JSON): not a character, so it has no UTF-8 form; both
 *   drivers write U+FFFD in its place. Two different ids then became one, and an event whose id held
 *   one was stored under another id and answered as a duplicate.
 */
export const NUL = '\u0000';

/** In `u` mode a surrogate pair reads as one code point, so only an unpaired surrogate is `Cs`. */
const UNPAIRED = /\p{Cs}/u;
const UNPAIRED_ALL = /\p{Cs}/gu;

const hex = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with `text` for storage (`a NUL character (U+0000)`), or undefined. */
export function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'a NUL character (U+0000)';
  const unpaired = UNPAIRED.exec(text)?.[0];
  return unpaired === undefined
    ? undefined
    : `an unpaired UTF-16 surrogate (${hex(unpaired)}), which is not a character`;
}

export interface TextProblem {
  /** Where: `attrs.team`, `events[2].id`, or '' for `value` itself. */
  readonly path: string;
  readonly problem: string;
}

/**
 * The first string (or key) in `value` that `textProblem` refuses, with its path; undefined if none.
 * `skip(path)` leaves a value alone: free text, which is cleaned (`cleanText`) where it is stored.
 */
export function badTextAt(value: unknown, skip?: (path: string) => boolean, path = ''): TextProblem | undefined {
  if (skip?.(path)) return undefined;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem === undefined ? undefined : { path, problem };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const problem = textProblem(key);
    if (problem !== undefined) return { path: at, problem };
    const found = badTextAt(inner, skip, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Free text as it can be stored: without U+0000, an unpaired surrogate as U+FFFD (what UTF-8 would make of it). */
export function cleanText(text: string): string {
  return text.replaceAll(NUL, '').replace(UNPAIRED_ALL, '\uFFFD');
}

/**
 * Refuses U+0000 in the path (an id: a session, a receipt, a subscriber) or in a query parameter (the
 * admin API's filters and search), naming where it is.
 */
export const refuseNulInUrl: MiddlewareHandler = async (c, next) => {
  // Hono decodes each path parameter by itself: look for the encoded form in the path as sent.
  if (/%00/i.test(new URL(c.req.url).pathname))
    throw new HttpError('bad_request', 'the path contains a NUL character (U+0000, %00)');
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (name.includes(NUL) || values.some((value) => value.includes(NUL)))
      throw new HttpError('bad_request', `query parameter ${JSON.stringify(name)} contains a NUL character (U+0000)`);
  }
  await next();
};
