import { AdapterError, type AdapterErrorCode } from '@cancelflow/core';

/** What each refusal usually means, so the console message points at the fix. */
const HINTS: Record<AdapterErrorCode, string> = {
  unauthorized: 'the token or session key was refused: is it signed with the site secret and unexpired?',
  forbidden: 'not allowed for this subscriber, session or page origin',
  conflict: 'already done in this session',
  invalid: 'the request was refused as malformed; retrying will not help',
  unavailable: 'the server is unavailable; try again later',
};

/** 408, 429 and 5xx are worth another attempt; every other refusal is final. */
export function isRetriable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function codeFor(status: number): AdapterErrorCode {
  if (isRetriable(status)) return 'unavailable';
  return status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 409 ? 'conflict' : 'invalid';
}

/** `data` is the parsed body, if any: the reference server explains itself in `error.message`. */
export function httpError(method: string, url: string, status: number, data: unknown): AdapterError {
  const code = codeFor(status);
  const said = (data as { error?: { message?: unknown } } | undefined)?.error?.message;
  const server = typeof said === 'string' ? ` The server said: "${said}".` : '';
  return new AdapterError(code, `${method} ${url} answered ${status}: ${HINTS[code]}.${server}`, status, data);
}
