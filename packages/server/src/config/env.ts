import { ConfigError } from './errors.ts';

/** Environment variables, as `process.env` holds them (or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

export function intFromEnv(env: Env | undefined, name: string, min = 0): number | undefined {
  const raw = env?.[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError(`environment variable ${name} must be an integer ≥ ${min} (got "${raw}")`);
  return n;
}

export function bucketFromEnv(env: Env | undefined, name: string) {
  const raw = env?.[name];
  if (raw === undefined || raw === '') return undefined;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  if (!match)
    throw new ConfigError(`environment variable ${name} must look like burst/perSecond, e.g. 120/20 (got "${raw}")`);
  return { burst: Number(match[1]), perSecond: Number(match[2]) };
}
