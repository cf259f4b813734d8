/**
 * Whether `error` says the database is away or cannot take writes now — not that the request or
 * the server is wrong: Postgres not reachable, restarting or out of connections; a SQLite file
 * locked past the busy timeout, on a full disk, read-only or failing to read or write. The request
 * may well succeed later unchanged, so the answer is 503 `unavailable`, not 500 `internal`.
 */
export function databaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code)) return true;
      // Postgres: connection exceptions (08…), shutting down or starting up (57P01–57P03), too many
      // connections (53300).
      if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300') return true;
      if (SQLITE_CODE.test(code)) return true;
    }
    // pg's own errors for a connection that ended or never came up carry no code.
    if (PG_CONNECTION_MESSAGE.test(e.message)) return true;
  }
  return false;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN)/;
const PG_CONNECTION_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect)/;
