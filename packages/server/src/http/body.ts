import { issueMessage } from '@cancelflow/core/validate';
import type { Context } from 'hono';
import { HttpError } from './errors.ts';

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** How a failed check is worded: `issueMessage` from `@cancelflow/core/validate`. */
type ParseOptions = { readonly error: typeof issueMessage; readonly reportInput: true };

/** The part of a zod schema the server needs, so this package does not depend on zod itself. */
export interface Parser<T> {
  safeParse(
    data: unknown,
    options?: ParseOptions,
  ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/**
 * zod/mini ships no messages: without these, every refusal read "offerId: Invalid input" and did not
 * say what was wrong. The flow validator's wording ("must be at most 64 characters long", "must be a
 * string, not 5") completes the sentence the field's path starts.
 */
export const PARSE_OPTIONS: ParseOptions = { error: issueMessage, reportInput: true };

/** `events[3].payload.offerId: must be a string, not 5` — where, and what is wrong. */
export function describeIssues(issues: readonly Issue[], root = 'the body', max = 3): string {
  const parts = issues.slice(0, max).map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join('');
    return path ? `${path}: ${issue.message}` : `${root} ${issue.message}`;
  });
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return parts.join('; ') + more;
}

export function parseWith<T>(schema: Parser<T>, data: unknown): T {
  const result = schema.safeParse(data, PARSE_OPTIONS);
  if (!result.success) throw new HttpError('unprocessable', describeIssues(result.error.issues));
  return result.data;
}

/** Deeper than any request of the protocol; refused before anything walks the value recursively. */
export const MAX_JSON_DEPTH = 32;

/**
 * Reads a JSON body, with its raw text (idempotency compares the bytes). `text/plain` is accepted
 * too: `navigator.sendBeacon` sends strings with it, and it keeps beacons free of a CORS preflight.
 */
export async function readJsonText(c: Context): Promise<{ value: unknown; text: string }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && type !== 'text/plain' && type !== '') {
    throw new HttpError('unsupported_media_type', `expected a JSON body, got content-type ${type}`);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw new HttpError('bad_request', 'the request body is empty; expected JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError('bad_request', 'the request body is not valid JSON');
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new HttpError('bad_request', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return { value, text };
}

export async function readJson(c: Context): Promise<unknown> {
  return (await readJsonText(c)).value;
}

/**
 * Whether arrays and objects nest deeper than `max`, walked without recursion (no stack to overflow).
 * Run on any parsed JSON before code that walks it recursively (`badTextAt`, zod): a few thousand
 * levels overflow the stack, a 500 instead of an answer naming the problem.
 */
export function nestsDeeperThan(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

export async function readBody<T>(c: Context, schema: Parser<T>): Promise<T> {
  return parseWith(schema, await readJson(c));
}
