import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The server as it ships outside the repository: scripts/deploy-server.sh (what the Dockerfile runs)
 * lays out the CLI with its production dependencies alone, and that tree must validate, mint a token,
 * serve the API and the widget's files from the installed @cancelflow/widget, and start a session —
 * the steps of docs/self-hosting.md. Needs `pnpm build` first (the test command runs it before).
 */
const repo = new URL('../../../', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'cancelflow-deploy-'));
const app = join(temp, 'app');
const config = join(temp, 'config');
const secret = 'deploy-test-secret-0123456789abcdef0123';
const children: ChildProcess[] = [];

beforeAll(() => {
  execFileSync('bash', [join(repo, 'scripts/deploy-server.sh'), app], { cwd: repo, stdio: 'pipe' });
  mkdirSync(config);
  copyFileSync(join(repo, 'examples/flows/saas.json'), join(config, 'saas.json'));
  const site = {
    id: 'acme',
    secret,
    origins: ['https://app.acme.example'],
    flow: 'saas.json',
    billing: { type: 'demo' },
  };
  writeFileSync(join(config, 'sites.json'), JSON.stringify([site]));
}, 300_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

/** The address a started server's `listening` line names ('' if it ended without one). */
async function listeningUrl(child: ChildProcess): Promise<string> {
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    if (line.includes('"msg":"listening"')) return JSON.parse(line).url;
  }
  return '';
}

const cancelflow = (...args: string[]) =>
  execFileSync(process.execPath, [join(app, 'bin/cancelflow.js'), ...args], { encoding: 'utf8', stdio: 'pipe' });

describe('the deployed server (scripts/deploy-server.sh, as in the Dockerfile)', () => {
  it('holds only production dependencies: no test or build tools', () => {
    const installed = execFileSync('ls', [join(app, 'node_modules/.pnpm')], { encoding: 'utf8' });
    for (const dev of ['vitest', 'typescript', 'vite@', '@biomejs', 'msw', 'playwright', 'autocannon']) {
      expect(installed, dev).not.toContain(dev);
    }
  });

  it('validates, mints a token, serves the API, the widget and the dashboard, starts a session and stops with exit 0', async () => {
    expect(() => cancelflow('validate', join(config, 'saas.json'))).not.toThrow();
    const token = cancelflow('token', '--secret', secret, '--site', 'acme', '--sub', 'cus_deploy').trim();

    const child = spawn(process.execPath, [join(app, 'bin/cancelflow.js'), 'serve', '--port', '0'], {
      cwd: temp,
      env: {
        ...process.env,
        CANCELFLOW_SITES: join(config, 'sites.json'),
        CANCELFLOW_DB: join(temp, 'data/cancelflow.sqlite'),
        CANCELFLOW_WIDGET_DIR: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const url = await listeningUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const loader = await fetch(`${url}/cancelflow.js`);
    expect(loader.status).toBe(200);
    expect(await loader.text()).toContain('data-cancelflow');
    // The dashboard comes with @cancelflow/server: its page and the script the page names.
    const dashboard = await (await fetch(`${url}/admin/`)).text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(dashboard)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${url}/admin/${script}`)).status).toBe(200);
    const session = await fetch(`${url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://app.acme.example' },
      body: JSON.stringify({ token, locale: { browser: ['en'] } }),
    });
    expect(session.status).toBe(201);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 180_000);

  // docs/self-hosting.md's systemd unit, run as systemd runs it: its ExecStart with only the unit's
  // environment (Environment=, the EnvironmentFile; no shell's), in its WorkingDirectory, stopped by
  // SIGTERM within its TimeoutStopSec. The unit's paths become this test's folders.
  it("runs docs/self-hosting.md's systemd unit as systemd does, and stops on SIGTERM with exit 0", async () => {
    const doc = readFileSync(join(repo, 'docs/self-hosting.md'), 'utf8');
    const unit = /### Under systemd[\s\S]*?```ini\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(unit, 'no ```ini block under "### Under systemd"').toBeDefined();
    const data = join(temp, 'var-lib');
    mkdirSync(data, { recursive: true }); // StateDirectory's work
    const paths = (value: string) =>
      value
        .replaceAll('/opt/cancelflow', app)
        .replaceAll('/etc/cancelflow', config)
        .replaceAll('/var/lib/cancelflow', data);
    const settings = (key: string) =>
      [...(unit as string).matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => paths(m[1] as string));
    const [execStart] = settings('ExecStart');
    const [workingDirectory] = settings('WorkingDirectory');
    const [environmentFile] = settings('EnvironmentFile');
    const stopWithin = Number(settings('TimeoutStopSec')[0]);
    expect(stopWithin).toBeGreaterThan(10); // the server's own drain limit
    writeFileSync(environmentFile as string, 'CANCELFLOW_ADMIN_KEY=deploy-test-admin-key-0123456789abcdef\n');
    const env: Record<string, string> = { PATH: '/usr/local/bin:/usr/bin:/bin' };
    for (const line of readFileSync(environmentFile as string, 'utf8').split('\n')) {
      const [key, ...value] = line.split('=');
      if (key) env[key] = value.join('=');
    }
    for (const assignment of settings('Environment')) {
      const [key = '', ...value] = assignment.split('=');
      env[key] = value.join('=');
    }
    // The node the unit names is this machine's Node 24 here; the port, any free one.
    const [, ...args] = (execStart as string).replace('--port 8787', '--port 0').split(' ');
    const child = spawn(process.execPath, args, {
      cwd: workingDirectory as string,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const url = await listeningUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/cancelflow.js`)).status).toBe(200);
    const summary = await fetch(`${url}/v1/admin/insights/summary`, {
      headers: { authorization: `Bearer ${env.CANCELFLOW_ADMIN_KEY}` },
    });
    expect(summary.status).toBe(200); // the admin key came from the EnvironmentFile
    const signIn = await fetch(`${url}/v1/admin/session`, {
      method: 'POST',
      headers: { origin: env.CANCELFLOW_PUBLIC_URL as string, 'content-type': 'application/json' },
      body: JSON.stringify({ key: env.CANCELFLOW_ADMIN_KEY }),
    });
    expect(signIn.status).toBe(200); // the public URL came from Environment=
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 180_000);
});
