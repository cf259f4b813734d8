import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The error codes of the wire protocol (docs/protocol) and their HTTP statuses. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  /** A known path, another method: the `Allow` header lists the ones it takes. */
  method_not_allowed: 405,
  conflict: 409,
  /** The same request is still being processed (elsewhere): retry after `Retry-After` seconds. */
  in_progress: 409,
  /** The session id a client proposed belongs to another subscriber's session: propose another. */
  session_exists: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  billing_failed: 502,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A refusal the client should see as `{ error: { code, message } }`. Anything else thrown in a
 * handler becomes a bare `internal` error: its message and stack stay in the server's log.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly code: ErrorCode;
  readonly headers: Readonly<Record<string, string>>;
  /** More fields of the `error` object, e.g. a validator's `problems`. */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(
    code: ErrorCode,
    message: string,
    headers: Record<string, string> = {},
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.code = code;
    this.headers = headers;
    this.details = details;
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}
