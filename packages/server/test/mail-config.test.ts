import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSitesFile } from '../src/config/sites.ts';
import { tempDir } from './helpers.ts';
import { writeMailSites } from './mail-sites.ts';

const dir = tempDir();
afterAll(() => dir.remove());

const load = (mail: Record<string, unknown>, webhooks = false) =>
  loadSitesFile(writeMailSites(dir.path, mail, webhooks ? { webhookUrl: 'https://hooks.acme.example/cf' } : {}))[0]
    ?.mail;

/** A templates folder holding `files`. */
function templates(name: string, files: Record<string, string>): string {
  const folder = join(dir.path, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return name;
}

describe('the sites file: mail', () => {
  it('reads SMTP settings, an env: URL, and a webhook handoff', () => {
    process.env.CF_TEST_SMTP = 'smtp://user:pw@127.0.0.1:2525';
    expect(load({ smtp: 'env:CF_TEST_SMTP', from: 'Acme <billing@acme.example>' })).toEqual({
      type: 'smtp',
      smtp: 'smtp://user:pw@127.0.0.1:2525',
      from: 'Acme <billing@acme.example>',
    });
    expect(load({ type: 'webhook' }, true)).toEqual({ type: 'webhook' });
  });

  it.each([
    [{ from: 'a@b.example' }, '[0].mail.smtp is required'],
    [{ smtp: 'http://x.example', from: 'a@b.example' }, '[0].mail.smtp must start with smtp:// or smtps://'],
    [{ smtp: 'env:CF_TEST_UNSET_SMTP', from: 'a@b.example' }, 'names the environment variable CF_TEST_UNSET_SMTP'],
    [{ smtp: 'smtp://127.0.0.1', from: 'nobody' }, '[0].mail.from must be an address'],
    [{ smtp: 'smtp://127.0.0.1', from: 'a@b.example', pool: true }, '[0].mail.pool is not a known field'],
    [{ type: 'webhook' }, 'the site has no `webhooks`'],
    [{ type: 'carrier-pigeon' }, '[0].mail.type must be "smtp", "webhook" or "outbox"'],
    [{ smtp: 'smtp://127.0.0.1', from: 'a@b.example', templates: 'missing' }, 'which is not a folder'],
  ])('refuses %j', (mail, message) => {
    expect(() => load(mail)).toThrow(message);
  });

  it('reads a templates folder, and refuses a misnamed file or an unknown name at start-up', () => {
    const good = templates('good', { 'cancellation.txt': '{{intro}}', 'saved.de.subject': 'Danke' });
    expect(load({ smtp: 'smtp://127.0.0.1', from: 'a@b.example', templates: good })).toMatchObject({
      templates: { 'cancellation.txt': '{{intro}}', 'saved.de.subject': 'Danke' },
    });
    const misnamed = templates('misnamed', { 'cancel.txt': '{{intro}}' });
    expect(() => load({ smtp: 'smtp://127.0.0.1', from: 'a@b.example', templates: misnamed })).toThrow(
      'has cancel.txt: expected <cancellation|saved|winback>[.<locale>].<subject|txt|html>',
    );
    const unknown = templates('unknown', { 'saved.html': '{{#lines}}{{.}}{{/lines}} {{coupon}}' });
    expect(() => load({ smtp: 'smtp://127.0.0.1', from: 'a@b.example', templates: unknown })).toThrow(
      'has saved.html, which uses {{coupon}}',
    );
  });
});
