import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/http/log.ts';
import { type StartServerOptions, startServer } from '../src/index.ts';
import { tempDir } from './helpers.ts';
import { FROM, writeMailSites } from './mail-sites.ts';

const dir = tempDir();
afterAll(() => dir.remove());

/**
 * Starts the server from code with site `acme` sending follow-up mail as `mail` says, then stops it:
 * what it warned about the mail's links, and the address it listened on.
 */
async function mailWarnings(name: string, mail: Record<string, unknown>, options: Partial<StartServerOptions> = {}) {
  const entries: LogEntry[] = [];
  const server = await startServer({
    port: 0,
    db: join(dir.path, `${name}.sqlite`),
    sitesFile: writeMailSites(dir.path, mail),
    adminKey: 'mail-public-url-admin-key-0123456789abcdef',
    widgetDir: false,
    handleSignals: false,
    env: {},
    log: (entry) => entries.push(entry),
    ...options,
  });
  await server.close();
  const warnings = entries.filter((e) => e.level === 'warn' && e.msg.includes('mail')).map((e) => e.msg);
  return { url: server.url, warnings };
}

// Mail's links (receipt, undo, one-click unsubscribe) are built from publicUrl, else from the address
// the server listens on: a server started as getting-started.md shows, with mail added and no public
// URL, sent every message with links to http://127.0.0.1:8787, and said nothing.
describe('follow-up mail without a public URL', () => {
  const smtp = { smtp: 'smtp://127.0.0.1:25', from: FROM };

  it('warns at start that the links point at this server’s own address, naming the site and the setting', async () => {
    const { url, warnings } = await mailWarnings('smtp', smtp);
    expect(warnings).toEqual([
      `follow-up mail of site acme links to ${url} (receipt, undo, unsubscribe), this server's own address, which subscribers cannot open: set CANCELFLOW_PUBLIC_URL (publicUrl) to the https address they reach it at`,
    ]);
  });

  it('says nothing with a public URL, from the option or the environment', async () => {
    expect((await mailWarnings('option', smtp, { publicUrl: 'https://cancel.example.test' })).warnings).toEqual([]);
    const env = { CANCELFLOW_PUBLIC_URL: 'https://cancel.example.test' };
    expect((await mailWarnings('env', smtp, { env })).warnings).toEqual([]);
  });

  it('says nothing for the outbox (mail kept in the database, as the demo does)', async () => {
    expect((await mailWarnings('outbox', { type: 'outbox' })).warnings).toEqual([]);
  });
});
