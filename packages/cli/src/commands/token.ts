import { SubscriberClaims } from '@cancelflow/core/schema';
import { didYouMean, issueMessage } from '@cancelflow/core/validate';
import { SignJWT } from 'jose';
import { TOKEN_HELP } from '../help.ts';
import type { CliIo } from '../io.ts';
import { parse, UsageError } from '../usage.ts';

type Scalar = string | number | boolean;

/** `49` → 49, `true` → true, anything else stays a string (so `plan=007` keeps its zeros). */
function typed(value: string): Scalar {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/**
 * Claims the command sets itself, and the option that sets each: a `--claim` for one would be overwritten
 * (jose's setIssuer replaces an `iss` claim) or would overwrite it, silently either way.
 */
/** The longest lifetime the reference server accepts (24 hours). */
const MAX_TTL_SECONDS = 86_400;

const SET_BY: Readonly<Record<string, string>> = { sub: '--sub', iss: '--site', exp: '--ttl', iat: 'the clock' };

/** The claims cancelflow reads (core's SubscriberClaims), and the JWT's own that a token may carry. */
const KNOWN_CLAIMS: readonly string[] = [
  ...Object.keys(SubscriberClaims.def.shape),
  ...Object.keys(SET_BY),
  'nbf',
  'jti',
  'aud',
];

/**
 * One warning per claim cancelflow does not read: the token is still signed (the claims are an open
 * set), but `--claim perodEnd=…` would otherwise be dropped without a word.
 */
export function unknownClaimWarnings(claims: Record<string, unknown>): string[] {
  return Object.keys(claims)
    .filter((key) => !KNOWN_CLAIMS.includes(key))
    .map(
      (key) =>
        `warning: claim ${key} is not one cancelflow reads${didYouMean(key, KNOWN_CLAIMS)}; a custom attribute goes under attrs (--claim attrs.${key}=…)\n`,
    );
}

export function claimsFrom(pairs: readonly string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  const attrs: Record<string, Scalar> = {};
  const given = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--claim ${pair}: expected key=value, e.g. --claim plan=pro`);
    const key = pair.slice(0, eq);
    const value = typed(pair.slice(eq + 1));
    const setBy = Object.hasOwn(SET_BY, key) ? SET_BY[key] : undefined;
    if (setBy) throw new UsageError(`--claim ${key}: set it with ${setBy}`);
    // A flat value is never an object, and would replace (or be replaced by) the attrs.<name> claims.
    if (key === 'attrs')
      throw new UsageError('--claim attrs: set custom attributes one at a time, e.g. --claim attrs.seats=5');
    // The last one would win without a word; a claim has one value.
    const first = given.get(key);
    if (first !== undefined) throw new UsageError(`--claim ${key}: given twice ("${first}" and "${pair}")`);
    given.set(key, pair);
    if (key.startsWith('attrs.')) {
      const name = key.slice('attrs.'.length);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
        throw new UsageError(`--claim ${key}: attribute names are 1–64 letters, digits, "_" or "-"`);
      attrs[name] = value;
    } else if (key.includes('.')) {
      throw new UsageError(`--claim ${key}: only attrs.<name> may be nested`);
    } else claims[key] = value;
  }
  if (Object.keys(attrs).length > 0) claims.attrs = attrs;
  return claims;
}

export async function tokenCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    args,
    {
      secret: { type: 'string' },
      site: { type: 'string' },
      sub: { type: 'string' },
      claim: { type: 'string', multiple: true },
      ttl: { type: 'string', default: '3600' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
    { secret: '"$CANCELFLOW_SECRET"', site: 'acme', sub: 'cus_42', claim: 'plan=pro' },
  );
  if (values.help) {
    io.stdout(TOKEN_HELP);
    return 0;
  }
  const secret = values.secret ?? io.env.CANCELFLOW_SECRET;
  if (!secret)
    throw new UsageError('--secret (or CANCELFLOW_SECRET) is required: the secret your server shares with cancelflow');
  if (!values.sub) throw new UsageError('--sub is required (the customer id)');
  if (!/^[1-9]\d{0,9}$/.test(values.ttl))
    throw new UsageError(`--ttl must be a positive whole number of seconds (at least 1), not "${values.ttl}"`);
  // The reference server refuses a token that lives longer (MAX_TOKEN_LIFETIME_SECONDS in its
  // sessions/token.ts): printing one would only move the error to the first request.
  if (Number(values.ttl) > MAX_TTL_SECONDS)
    throw new UsageError(
      `--ttl must be at most ${MAX_TTL_SECONDS} (24 hours), not ${values.ttl}: the server refuses longer-lived tokens`,
    );

  const claims = { ...claimsFrom(values.claim ?? []), sub: values.sub };
  const checked = SubscriberClaims.safeParse(claims, { error: issueMessage, reportInput: true });
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new UsageError(`claim ${first?.path.join('.') ?? ''} ${first?.message ?? 'is not valid'}`);
  }
  for (const warning of unknownClaimWarnings(claims)) io.stderr(warning);
  if (values.site === undefined)
    io.stderr('warning: no --site: the reference server refuses a token that does not name its site (claim iss)\n');
  if (secret.length < 32)
    io.stderr('warning: a secret shorter than 32 characters is easy to guess; use a long random one in production\n');

  const now = Math.floor(io.now().getTime() / 1000);
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (values.site !== undefined) jwt = jwt.setIssuer(values.site);
  const token = await jwt
    .setIssuedAt(now)
    .setExpirationTime(now + Number(values.ttl))
    .sign(new TextEncoder().encode(secret));
  io.stdout(`${token}\n`);
  return 0;
}
