import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SitesOptions, writeSites } from './helpers.ts';

/** The test sites (helpers.ts) with `acme` sending follow-up mail as `mail` says; returns the file's path. */
export function writeMailSites(dir: string, mail: Record<string, unknown>, options: SitesOptions = {}): string {
  const sites = JSON.parse(readFileSync(writeSites(dir, options), 'utf8')) as Record<string, unknown>[];
  const acme = sites.find((s) => s.id === 'acme') as Record<string, unknown>;
  acme.mail = mail;
  const file = join(dir, 'mail-sites.json');
  writeFileSync(file, JSON.stringify(sites, null, 2));
  return file;
}

/** A URL of `path` found in a message's plain text, e.g. `/v1/mail/undo`. */
export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}\\?t=[\\w.-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}
