import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FlowConfig } from '@cancelflow/core';
import { isSafeWebUrl } from '@cancelflow/core/schema';
import { stripeUnpricedPlans } from '../billing/stripe/prices.ts';
import { type MailConfig, parseMailConfig } from '../mail/config.ts';
import { DEFAULT_RETAINED_AFTER_DAYS } from '../saves/record.ts';
import { firstDuplicateKey } from './duplicate-keys.ts';
import { ConfigError } from './errors.ts';
import { loadFlowFile } from './flows.ts';

export type BillingConfig = { type: 'demo' } | { type: 'webhook'; url: string; secret: string } | StripeBillingConfig;

/** The `stripe` billing plugin's settings (docs/billing.md). Secrets are resolved from `env:NAME` at load. */
export interface StripeBillingConfig {
  readonly type: 'stripe';
  /** A secret (`sk_…`) or restricted (`rk_…`) API key. */
  readonly secretKey: string;
  /** The signing secret of the webhook endpoint (`whsec_…`). */
  readonly webhookSecret: string;
  /** The flow's plan ids → Stripe price ids, for `plan_change` offers (a plan id that is a `price_…` id needs none). */
  readonly prices: Readonly<Record<string, string>>;
  /** Another Stripe API origin, e.g. the simulated Stripe's (`startSimulatedStripe`) or a test server. Never in production. */
  readonly apiBase?: string;
}

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

/** One site (one product that embeds the widget), with its token secret and its flow. */
export interface SiteConfig {
  readonly id: string;
  /** HS256 secret the site's server signs subscriber tokens with. */
  readonly secret: string;
  /** Origins allowed to call the browser endpoints for this site, e.g. `https://app.example.com`. */
  readonly origins: readonly string[];
  readonly flowPath: string;
  readonly flow: FlowConfig;
  readonly billing: BillingConfig;
  readonly webhooks?: WebhookTarget;
  /** Follow-up mail (confirmations); without it none is sent. */
  readonly mail?: MailConfig;
  /** Days after a save that it counts as retained if the subscriber still pays (docs/billing.md); default 30. */
  readonly retainedAfterDays: number;
}

/** HS256 needs a secret at least as long as its output (RFC 7518, 3.2). */
const MIN_SECRET_BYTES = 32;

class Fields {
  constructor(
    readonly file: string,
    readonly at: string,
    readonly value: Record<string, unknown>,
  ) {}
  fail(field: string, message: string): never {
    throw new ConfigError(`${this.file}: ${this.at}.${field} ${message}`);
  }
  string(field: string, check?: (v: string) => string | undefined): string {
    const v = this.value[field];
    if (v === undefined) this.fail(field, 'must be a non-empty string (the field is missing)');
    if (typeof v !== 'string' || v === '') this.fail(field, 'must be a non-empty string');
    const problem = check?.(v);
    if (problem) this.fail(field, problem);
    return v;
  }
  object(field: string): Fields {
    const v = this.value[field];
    if (v === undefined)
      this.fail(
        field,
        `must be an object (the field is missing)${field === 'billing' ? ', e.g. {"type": "demo"}' : ''}`,
      );
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, 'must be an object');
    return new Fields(this.file, `${this.at}.${field}`, v as Record<string, unknown>);
  }
  /** A whole number of days within [min, max]. */
  days(field: string, min: number, max: number): number {
    const v = this.value[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(field, `must be a whole number of days from ${min} to ${max} (got ${JSON.stringify(v)})`);
    }
    return v;
  }
  has(field: string): boolean {
    return this.value[field] !== undefined;
  }
  unknownKeys(known: readonly string[]): void {
    for (const key of Object.keys(this.value)) {
      if (!known.includes(key)) this.fail(key, `is not a known field (expected ${known.join(', ')})`);
    }
  }
}

const secretCheck = (v: string) =>
  Buffer.byteLength(v) < MIN_SECRET_BYTES
    ? `must be at least ${MIN_SECRET_BYTES} bytes long`
    : // docs/getting-started.md's sites file: public, so anyone could sign tokens with it.
      /^replace-me/i.test(v)
      ? 'is the placeholder from the docs: generate a secret, e.g. with `openssl rand -base64 32`'
      : undefined;
const urlCheck = (v: string) => (isSafeWebUrl(v) ? undefined : 'must be an absolute http(s) URL');
const originCheck = (v: string) => {
  try {
    const { origin } = new URL(v);
    if (origin === v) return undefined;
    // `http://localhost:3000/` or a page's URL: the origin is what the browser sends, without any path.
    return origin === 'null'
      ? `must be an origin like https://app.example.com (got ${v})`
      : `must be an origin, without a path or a trailing slash: ${origin} (got ${v})`;
  } catch {
    return `must be an origin like https://app.example.com (got ${v})`;
  }
};

function parseTarget(f: Fields): WebhookTarget {
  f.unknownKeys(['url', 'secret']);
  return { url: f.string('url', urlCheck), secret: f.string('secret', secretCheck) };
}

function parseBilling(f: Fields): BillingConfig {
  const type = f.string('type');
  if (type === 'demo') {
    f.unknownKeys(['type']);
    return { type };
  }
  if (type === 'webhook') {
    f.unknownKeys(['type', 'url', 'secret']);
    return { type, url: f.string('url', urlCheck), secret: f.string('secret', secretCheck) };
  }
  if (type === 'stripe') return parseStripe(f);
  return f.fail('type', `must be "demo", "webhook" or "stripe" (got "${type}")`);
}

/** A secret's value, or the environment variable it names as `env:NAME` (so secrets stay out of the file). */
function secretFrom(f: Fields, field: string, prefixes: readonly string[]): string {
  const raw = f.string(field);
  const named = raw.startsWith('env:') ? raw.slice(4) : undefined;
  const value = named === undefined ? raw : process.env[named];
  if (!value) f.fail(field, `names the environment variable ${named}, which is not set`);
  if (!prefixes.some((p) => value.startsWith(p))) f.fail(field, `must start with ${prefixes.join(' or ')}`);
  return value;
}

function parseStripe(f: Fields): StripeBillingConfig {
  f.unknownKeys(['type', 'secretKey', 'webhookSecret', 'prices', 'apiBase']);
  const prices: Record<string, string> = {};
  if (f.has('prices')) {
    const map = f.object('prices');
    const priceCheck = (v: string) => (v.startsWith('price_') ? undefined : 'must be a Stripe price id (price_…)');
    for (const plan of Object.keys(map.value)) map.string(plan, priceCheck);
    Object.assign(prices, map.value);
  }
  return {
    type: 'stripe',
    secretKey: secretFrom(f, 'secretKey', ['sk_', 'rk_']),
    webhookSecret: secretFrom(f, 'webhookSecret', ['whsec_']),
    prices,
    ...(f.has('apiBase') ? { apiBase: f.string('apiBase', urlCheck) } : {}),
  };
}

/** A site's problem names the site, not only its index: `sites.json (site "acme"): [0].secret …`. */
function parseSite(file: string, index: number, raw: unknown): SiteConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file}: [${index}] must be an object`);
  }
  const id = (raw as { id?: unknown }).id;
  try {
    return parseSiteFields(file, index, raw as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof ConfigError) || typeof id !== 'string' || !error.message.startsWith(`${file}: `))
      throw error;
    throw new ConfigError(`${file} (site "${id}"): ${error.message.slice(file.length + 2)}`);
  }
}

function parseSiteFields(file: string, index: number, raw: Record<string, unknown>): SiteConfig {
  const f = new Fields(file, `[${index}]`, raw);
  f.unknownKeys(['id', 'secret', 'origins', 'flow', 'billing', 'webhooks', 'mail', 'retainedAfterDays']);
  const id = f.string('id', (v) =>
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(v) ? undefined : 'must be 1–64 letters, digits, "_", "." or "-"',
  );
  const origins: unknown = f.value.origins;
  if (!Array.isArray(origins) || origins.length === 0) f.fail('origins', 'must be a non-empty array of origins');
  const checkedOrigins = (origins as unknown[]).map((o, i) => {
    const problem = typeof o === 'string' ? originCheck(o) : 'must be a string';
    if (problem) f.fail(`origins[${i}]`, problem);
    return o as string;
  });
  const flowPath = resolve(dirname(file), f.string('flow'));
  let flow: FlowConfig;
  try {
    flow = loadFlowFile(flowPath);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(`${file}: [${index}].flow: ${error.message}`);
  }
  const billing = parseBilling(f.object('billing'));
  if (billing.type === 'stripe') {
    // Found now rather than when a subscriber accepts: a plan Stripe cannot be moved to.
    const unpriced = stripeUnpricedPlans(flow, billing.prices);
    if (unpriced.length > 0) f.fail('billing.prices', `has no Stripe price for the plan(s) ${unpriced.join(', ')}`);
  }
  return {
    id,
    secret: f.string('secret', secretCheck),
    origins: checkedOrigins,
    flowPath,
    flow,
    billing,
    retainedAfterDays: f.has('retainedAfterDays') ? f.days('retainedAfterDays', 1, 365) : DEFAULT_RETAINED_AFTER_DAYS,
    ...(f.has('webhooks') ? { webhooks: parseTarget(f.object('webhooks')) } : {}),
    ...(f.has('mail') ? { mail: parseMailConfig(f.value.mail, file, f.at, f.has('webhooks')) } : {}),
  };
}

/** Reads the sites file (`CANCELFLOW_SITES`) and every flow it names; throws a ConfigError on the first problem. */
export function loadSitesFile(path: string): SiteConfig[] {
  const file = resolve(path);
  let source = '';
  let raw: unknown;
  try {
    // A byte order mark, which Windows editors (Notepad before 2019, Windows PowerShell's
    // `Out-File -Encoding utf8`) put first, is not JSON: the file was refused with "Unexpected token
    // '\uFEFF'", an invisible character. The flow files are read without it too (core's validator).
    source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    raw = JSON.parse(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Read as the flow files are (flows.ts): "not found", not the bare "(ENOENT)" this said.
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'it is a folder' : code;
    throw new ConfigError(
      `${file}: ${code ? `cannot read the sites file (${why})` : `not valid JSON (${(error as Error).message})`}`,
    );
  }
  if (!Array.isArray(raw)) throw new ConfigError(`${file}: must be a JSON array of sites`);
  // JSON.parse kept the last of the two silently: which one was meant is for the file's author to say.
  const duplicate = firstDuplicateKey(source);
  if (duplicate) {
    const [index] = duplicate.path;
    const id = typeof index === 'number' ? (raw[index] as { id?: unknown } | null)?.id : undefined;
    const where = [...duplicate.path, duplicate.key].map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
    throw new ConfigError(
      `${file}${typeof id === 'string' ? ` (site "${id}")` : ''}: ${where} is given twice (lines ${duplicate.firstLine} and ${duplicate.line}); JSON keeps only the last one, so remove one`,
    );
  }
  const sites = raw.map((site, i) => parseSite(file, i, site));
  const seen = new Set<string>();
  for (const [i, site] of sites.entries()) {
    if (seen.has(site.id)) throw new ConfigError(`${file}: [${i}].id "${site.id}" is used by another site`);
    seen.add(site.id);
  }
  return sites;
}

export class SiteRegistry {
  private readonly byId: ReadonlyMap<string, SiteConfig>;
  /** Every allowed origin of every site: what a CORS preflight (which has no body, so no site) may be answered for. */
  readonly allOrigins: ReadonlySet<string>;
  constructor(readonly sites: readonly SiteConfig[]) {
    this.byId = new Map(sites.map((s) => [s.id, s]));
    this.allOrigins = new Set(sites.flatMap((s) => s.origins));
  }
  get(id: string): SiteConfig | undefined {
    return this.byId.get(id);
  }
}
