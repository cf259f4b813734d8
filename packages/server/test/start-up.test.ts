import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ORIGIN, SECRETS, send, tempDir, writeSites } from './helpers.ts';
import { killServers, spawnFailingServer, spawnServer } from './process.ts';

const dir = tempDir();
const sitesFile = writeSites(dir.path);
afterEach(killServers);
afterAll(() => dir.remove());

/** The warnings it logged about the widget (the test admin key is short enough to be warned about too). */
const widgetWarnings = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; msg: string })
    .filter((entry) => entry.level === 'warn')
    .map((entry) => entry.msg)
    .filter((msg) => msg.includes('widget'));

// Each test starts a server process: generous timeouts, for a slow or busy CI machine.
describe('node dist/main.js at start', () => {
  it('shows a refused setting alone: no warning about a server that never ran comes first', async () => {
    const { code, stdout, stderr } = await spawnFailingServer({
      CANCELFLOW_DB: join(dir.path, 'refused.sqlite'),
      CANCELFLOW_SITES: sitesFile,
      CANCELFLOW_ADMIN_KEY: '', // would warn that the admin API is closed
      CANCELFLOW_PORT: 'eighty',
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'cancelflow server: environment variable CANCELFLOW_PORT must be an integer 0–65535 (got "eighty")\n',
    );
    expect(stdout).toBe('');
  }, 90_000);

  it('shows a port in use alone too: the warnings wait until it listens', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as { port: number }).port;
      const { code, stdout, stderr } = await spawnFailingServer({
        CANCELFLOW_DB: join(dir.path, 'port-in-use.sqlite'),
        CANCELFLOW_ADMIN_KEY: '', // would warn that the admin API is closed; no sites file would warn too
        CANCELFLOW_PORT: String(port),
      });
      expect(code).toBe(1);
      // Naming the setting to change, not only Node's "listen EADDRINUSE: address already in use".
      expect(stderr).toBe(
        `cancelflow server: port ${port} is in use: stop what holds it, or set CANCELFLOW_PORT to another\n`,
      );
      expect(stdout).toBe('');
    } finally {
      busy.close();
    }
  }, 90_000);

  it('says that it does not serve the widget without CANCELFLOW_WIDGET_DIR, and how to', async () => {
    const server = await spawnServer({
      CANCELFLOW_DB: join(dir.path, 'no-widget.sqlite'),
      CANCELFLOW_SITES: sitesFile,
      CANCELFLOW_WIDGET_DIR: '',
    });
    expect((await send(`${server.url}/cancelflow.js`, {})).status).toBe(404);
    expect(await server.stop()).toBe(0);
    // Once: main.js leaves the warning to startServer() (widget-warning.test.ts has its words).
    const warnings = widgetWarnings(server.stdout());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/cancelflow.js answers 404');
    expect(warnings[0]).toContain('CANCELFLOW_WIDGET_DIR');
  }, 90_000);

  it('says nothing of the widget with CANCELFLOW_WIDGET_DIR', async () => {
    const widgetDir = join(dir.path, 'widget');
    mkdirSync(widgetDir);
    writeFileSync(join(widgetDir, 'cancelflow.js'), 'export {};\n');
    const served = await spawnServer({
      CANCELFLOW_DB: join(dir.path, 'widget.sqlite'),
      CANCELFLOW_SITES: sitesFile,
      CANCELFLOW_WIDGET_DIR: widgetDir,
    });
    expect((await send(`${served.url}/cancelflow.js`, {})).status).toBe(200);
    expect(await served.stop()).toBe(0);
    expect(widgetWarnings(served.stdout())).toEqual([]);
  }, 90_000);

  it('stopped the moment it says it listens, it closes gracefully and exits 0', async () => {
    // Many sites, so that what it still does after the `listening` line (a read per site) lasts long
    // enough for the signal to arrive meanwhile: the signal's handlers used to be installed after it,
    // and the process was killed by SIGTERM's default action instead (exit code null, nothing closed).
    const many = join(dir.path, 'many-sites.json');
    const sites = Array.from({ length: 300 }, (_, i) => ({
      id: `site${i}`,
      secret: SECRETS.acme,
      origins: [ORIGIN],
      flow: 'main.json',
      billing: { type: 'demo' },
    }));
    writeFileSync(many, JSON.stringify(sites));
    const server = await spawnServer({
      CANCELFLOW_DB: join(dir.path, 'stopped-at-once.sqlite'),
      CANCELFLOW_SITES: many,
    });
    expect(await server.stop()).toBe(0);
    expect(server.stdout()).toContain('"msg":"closed"');
  }, 90_000);
});
