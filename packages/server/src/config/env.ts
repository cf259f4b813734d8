import { ConfigError } from './errors.ts';

/** Environment variables, as `process.env` holds them (or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

export function intFromEnv(
  env: Env | undefined,
  name: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const raw = env?.[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min}–${max}`;
    throw new ConfigError(`environment variable ${name} must be an integer ${range} (got "${raw}")`);
  }
  return n;
}

export function bucketFromEnv(env: Env | undefined, name: string) {
  const raw = env?.[name];
  if (raw === undefined || raw === '') return undefined;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  const bucket = match && { burst: Number(match[1]), perSecond: Number(match[2]) };
  // A burst of 0 or a refill of 0 would refuse every request, for ever: never what was meant.
  if (!bucket || bucket.burst < 1 || bucket.perSecond <= 0)
    throw new ConfigError(
      `environment variable ${name} must look like burst/perSecond, both above 0, e.g. 120/20 (got "${raw}")`,
    );
  return bucket;
}

/**
 * The base of the links the server writes (receipts, mail, the dashboard's origin): an absolute
 * http(s) URL, else a link that leads nowhere would reach subscribers. `source` names where it came from.
 */
export function publicUrl(value: string | undefined, source: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:')
    throw new ConfigError(
      `${source} must be an absolute http(s) URL, e.g. https://cancel.example.com (got "${value}")`,
    );
  return value;
}

/**
 * `CANCELFLOW_WIDGET_DIR`: the widget's folder, or `false` for the option's `false` (the widget is
 * served from elsewhere: serve none and warn of none), which an operator without code had no way to
 * say. A folder named false is `./false`. Unset or empty is undefined (none, with the warning).
 */
export function widgetDirFromEnv(env: Env | undefined): string | false | undefined {
  const raw = env?.CANCELFLOW_WIDGET_DIR;
  if (raw === undefined || raw === '') return undefined;
  return raw === 'false' ? false : raw;
}

/** A yes/no environment variable: `1`/`true` or `0`/`false` (any case); unset or empty is undefined. */
export function boolFromEnv(env: Env | undefined, name: string): boolean | undefined {
  const raw = env?.[name];
  if (raw === undefined || raw === '') return undefined;
  if (/^(1|true)$/i.test(raw)) return true;
  if (/^(0|false)$/i.test(raw)) return false;
  throw new ConfigError(`environment variable ${name} must be 1 or 0 (or true or false) (got "${raw}")`);
}

/**
 * How a start-up error names a setting: the option when one was given (options win over the
 * environment), else the variable, else the variable's default.
 */
export function settingName(env: Env | undefined, variable: string, option: unknown, optionName: string): string {
  if (option !== undefined) return `the option ${optionName}`;
  return env?.[variable] ? `environment variable ${variable}` : `the default of ${variable}`;
}

/**
 * A longest retry delay below the first contradicts itself (which one was meant?): refused at start
 * rather than one of the two silently overruled by the backoff.
 */
export function checkRetryDelays(
  delays: { readonly baseDelayMs: number; readonly maxDelayMs: number },
  names: { readonly base: string; readonly max: string },
): void {
  if (delays.maxDelayMs < delays.baseDelayMs)
    throw new ConfigError(
      `${names.max} (${delays.maxDelayMs} ms, the longest retry delay) is below ${names.base} (${delays.baseDelayMs} ms, the first): make it at least as long`,
    );
}
