import type { Env } from './env.ts';

/**
 * Every `CANCELFLOW_*` environment variable the server reads: the one list of them in code.
 * docs-config-table.test.ts checks it against the names the sources read and the ones docs/server.md
 * and docs/follow-up.md document, so a variable added on one side only fails there.
 */
export const SERVER_VARIABLES = [
  'CANCELFLOW_ADMIN_KEY',
  'CANCELFLOW_DB',
  'CANCELFLOW_HEADERS_TIMEOUT_MS',
  'CANCELFLOW_HOST',
  'CANCELFLOW_LEASE_MS',
  'CANCELFLOW_MAIL_LEASE_MS',
  'CANCELFLOW_MAIL_MAX_ATTEMPTS',
  'CANCELFLOW_MAIL_POLL_MS',
  'CANCELFLOW_MAIL_RETRY_BASE_MS',
  'CANCELFLOW_MAIL_RETRY_MAX_MS',
  'CANCELFLOW_MAIL_TIMEOUT_MS',
  'CANCELFLOW_PORT',
  'CANCELFLOW_PUBLIC_URL',
  'CANCELFLOW_RATE_LIMIT_IP',
  'CANCELFLOW_RATE_LIMIT_SESSION',
  'CANCELFLOW_RATE_LIMIT_SUBSCRIBER',
  'CANCELFLOW_REQUEST_TIMEOUT_MS',
  'CANCELFLOW_RETENTION_AUDIT_DAYS',
  'CANCELFLOW_RETENTION_INTERVAL_MS',
  'CANCELFLOW_RETENTION_WEBHOOK_BODY_DAYS',
  'CANCELFLOW_SITES',
  'CANCELFLOW_TRUST_PROXY',
  'CANCELFLOW_WEBHOOK_MAX_ATTEMPTS',
  'CANCELFLOW_WEBHOOK_POLL_MS',
  'CANCELFLOW_WEBHOOK_RETRY_BASE_MS',
  'CANCELFLOW_WEBHOOK_RETRY_MAX_MS',
  'CANCELFLOW_WIDGET_DIR',
] as const;

/**
 * Variables of the project's own tests and tools, not server settings (the CLI's `token` reads
 * `CANCELFLOW_SECRET`). A server they start inherits them: it does not call them typos, so the test
 * suite's and CI's logs stay free of false alarms. docs-config-table.test.ts checks the list against
 * the names the repository's scripts and tests read.
 */
export const TOOL_VARIABLES = [
  'CANCELFLOW_CPU_THROTTLE',
  'CANCELFLOW_PG_DIR',
  'CANCELFLOW_PG_PORT',
  'CANCELFLOW_SCREENSHOTS',
  'CANCELFLOW_SCREENSHOTS_REVIEW',
  'CANCELFLOW_SECRET',
  'CANCELFLOW_TEST_CLOCK_FILE',
  'CANCELFLOW_TEST_PG',
  'CANCELFLOW_TOOLS',
] as const;

const PREFIX = 'CANCELFLOW_';

/**
 * A warning for each `CANCELFLOW_*` variable in `env` that nothing reads, naming the setting it is
 * most likely a misspelling of. A misspelled variable (`CANCELFLOW_PUBLICURL`, `CANCELFLOW_DATABASE`)
 * was ignored without a word: the server ran on the default, and the operator looked for the fault
 * elsewhere.
 */
export function unknownVariables(env: Env): string[] {
  const known = new Set<string>([...SERVER_VARIABLES, ...TOOL_VARIABLES]);
  return Object.keys(env)
    .filter((name) => name.startsWith(PREFIX) && !known.has(name))
    .sort()
    .map((name) => {
      const meant = closestSetting(name);
      return meant
        ? `environment variable ${name} is not a cancelflow setting and is ignored: did you mean ${meant}?`
        : `environment variable ${name} is not a cancelflow setting and is ignored (the settings: docs/server.md#configuration)`;
    });
}

/** The server variable `name` most likely misspells, or undefined when none is close. */
function closestSetting(name: string): string | undefined {
  const typed = bare(name);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const setting of SERVER_VARIABLES) {
    const score = difference(typed, bare(setting));
    if (score < bestScore) {
      best = setting;
      bestScore = score;
    }
  }
  // A few letters off, relative to its length: beyond that a suggestion would be a guess.
  return bestScore <= Math.max(1, Math.floor(typed.length / 3)) ? best : undefined;
}

/** The part after the prefix, without underscores: `PUBLICURL` and `PUBLIC_URL` are the same. */
function bare(name: string): string {
  return name.slice(PREFIX.length).replaceAll('_', '');
}

/** How far `a` is from `b`: 1 for an abbreviation (`DB` of `DATABASE`), else the edit distance. */
function difference(a: string, b: string): number {
  if (a === b) return 0;
  if (abbreviates(a, b) || abbreviates(b, a)) return 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** Whether `short` is `long` with letters left out, starting with the same one. */
function abbreviates(short: string, long: string): boolean {
  if (short.length >= long.length || short[0] !== long[0]) return false;
  let i = 0;
  for (const letter of long) if (letter === short[i]) i++;
  return i === short.length;
}
