import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../config/errors.ts';
import { loadTemplates, type MailTemplates } from './templates.ts';

/**
 * A site's `mail` setting in the sites file: send through an SMTP server, or hand each message to the
 * site's own webhook (type `mail.send`) for sites that send mail with their own tool. `templates` is a
 * folder of overrides (docs/follow-up.md).
 */
export type MailConfig =
  | {
      readonly type: 'smtp';
      /** `smtp://user:pass@host:587` or `smtps://…`; `env:NAME` reads it from the environment. */
      readonly smtp: string;
      /** The From header, e.g. `Acme <billing@acme.example>`. */
      readonly from: string;
      readonly replyTo?: string;
      readonly templates?: MailTemplates;
    }
  | { readonly type: 'webhook'; readonly templates?: MailTemplates }
  /** Kept in the database, never delivered: `GET /v1/admin/mail` shows them (the demo, trying templates). */
  | { readonly type: 'outbox'; readonly templates?: MailTemplates };

const SMTP_KEYS = ['type', 'smtp', 'from', 'replyTo', 'templates'];
const OTHER_KEYS = ['type', 'templates'];

/** Parses and checks `[i].mail` of the sites file `file`; `hasWebhooks` says whether the site has `webhooks`. */
export function parseMailConfig(raw: unknown, file: string, at: string, hasWebhooks: boolean): MailConfig {
  const fail = (field: string, message: string): never => {
    throw new ConfigError(`${file}: ${at}.mail${field ? `.${field}` : ''} ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('', 'must be an object');
  const value = raw as Record<string, unknown>;
  const string = (field: string): string | undefined => {
    const v = value[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') return fail(field, 'must be a non-empty string');
    return v;
  };
  const type = string('type') ?? 'smtp';
  const known = type === 'smtp' ? SMTP_KEYS : OTHER_KEYS;
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(key, `is not a known field (expected ${known.join(', ')})`);
  }
  const folder = string('templates');
  const templates = folder === undefined ? undefined : resolve(dirname(file), folder);
  if (templates !== undefined && !(existsSync(templates) && statSync(templates).isDirectory())) {
    fail('templates', `names ${templates}, which is not a folder`);
  }
  const withTemplates =
    templates === undefined ? {} : { templates: loadTemplates(templates, (message) => fail('templates', message)) };
  if (type === 'webhook') {
    if (!hasWebhooks) fail('type', 'is "webhook", but the site has no `webhooks` to hand messages to');
    return { type, ...withTemplates };
  }
  if (type === 'outbox') return { type, ...withTemplates };
  if (type !== 'smtp') return fail('type', `must be "smtp", "webhook" or "outbox" (got "${type}")`);
  const smtp = smtpUrl(string('smtp') ?? fail('smtp', 'is required (e.g. "smtp://user:pass@mail.example:587")'), fail);
  const from = string('from') ?? fail('from', 'is required (e.g. "Acme <billing@acme.example>")');
  if (!/@[^@\s>]+>?$/.test(from)) fail('from', `must be an address such as "Acme <billing@acme.example>"`);
  const replyTo = string('replyTo');
  return { type, smtp, from, ...(replyTo ? { replyTo } : {}), ...withTemplates };
}

/** The SMTP URL, or the environment variable it names as `env:NAME` (passwords stay out of the file). */
function smtpUrl(raw: string, fail: (field: string, message: string) => never): string {
  const named = raw.startsWith('env:') ? raw.slice(4) : undefined;
  const url = named === undefined ? raw : process.env[named];
  if (!url) return fail('smtp', `names the environment variable ${named}, which is not set`);
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return fail('smtp', 'must be a URL such as smtp://user:pass@mail.example:587');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:')
    fail('smtp', `must start with smtp:// or smtps:// (got ${protocol})`);
  return url;
}
