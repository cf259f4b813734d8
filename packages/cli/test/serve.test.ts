import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { startOrExplain } from '../src/commands/serve.ts';
import { main } from '../src/index.ts';

const repo = new URL('../../../', import.meta.url).pathname;
const bin = join(repo, 'packages/cli/bin/cancelflow.js');
const dir = mkdtempSync(join(tmpdir(), 'cancelflow-cli-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: (t: string) => {
      out.stdout += t;
    },
    stderr: (t: string) => {
      out.stderr += t;
    },
    readFile: async () => '',
    fileSize: async () => 0,
    now: () => new Date(),
    env: {},
  };
  return { out, io };
}

/** Waits for the JSON line a starting process prints that satisfies `match`. */
async function lineOf(child: ChildProcess, match: (line: Record<string, unknown>) => boolean) {
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    if (!line.startsWith('{')) continue;
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (match(parsed)) return parsed;
  }
  throw new Error('the process ended first');
}

describe('cancelflow serve', () => {
  it('serves the API and the widget, and stops cleanly on Ctrl-C (exit 0)', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', join(dir, 'serve.sqlite')], {
      env: { ...process.env, CANCELFLOW_ADMIN_KEY: 'serve-test-admin-key-0123456789' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const listening = await lineOf(child, (l) => l.msg === 'listening');
    const url = String(listening.url);
    expect(((await (await fetch(`${url}/v1/health`)).json()) as { ok: boolean }).ok).toBe(true);
    // The environment is read: the admin key works.
    const admin = await fetch(`${url}/v1/admin/insights/summary`, {
      headers: { authorization: 'Bearer serve-test-admin-key-0123456789' },
    });
    expect(admin.status).toBe(200);
    // In this repository the built widget is served next to the API.
    const loader = await fetch(`${url}/cancelflow.js`);
    expect(loader.status).toBe(200);

    const exited = once(child, 'exit');
    child.kill('SIGINT');
    expect((await exited)[0]).toBe(0);
  });

  it.each([
    ['--widget-dir false', ['--widget-dir', 'false'], {}],
    ['CANCELFLOW_WIDGET_DIR=false', [], { CANCELFLOW_WIDGET_DIR: 'false' }],
  ])('with %s serves no widget (served elsewhere) and warns of none', async (_, flags, env) => {
    // It stopped start-up: "false" was taken for a folder without cancelflow.js.
    const db = join(dir, `no-widget-${flags.length}.sqlite`);
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db, ...flags], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const warnings: string[] = [];
    // The start-up warnings come before the listening line.
    const listening = await lineOf(child, (l) => {
      if (l.level === 'warn') warnings.push(String(l.msg));
      return l.msg === 'listening';
    });
    expect(warnings.some((w) => w.includes('widget'))).toBe(false);
    expect(warnings.length).toBeGreaterThan(0); // the warnings are read: no sites, no admin key
    expect((await fetch(`${String(listening.url)}/cancelflow.js`)).status).toBe(404);
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    expect((await exited)[0]).toBe(0);
  });

  it('explains a bad sites file in one line and exits 1', async () => {
    writeFileSync(join(dir, 'sites.json'), JSON.stringify([{ id: 'x', secret: 'short' }]));
    const { out, io } = capture();
    const code = await main(['serve', '--port', '0', '--db', ':memory:', '--sites', join(dir, 'sites.json')], io);
    expect(code).toBe(1);
    expect(out.stderr).toMatch(
      /^cancelflow serve: .*sites\.json \(site "x"\): \[0\]\.origins must be a non-empty array/,
    );
    expect(out.stderr).not.toContain('    at ');
  });

  it('names the busy port, also when CANCELFLOW_PORT chose it', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const { out, io } = capture();
      const server = await startOrExplain(
        { db: ':memory:', handleSignals: false, log: false, env: { CANCELFLOW_PORT: String(port) } },
        io,
        'serve',
      );
      expect(server).toBeUndefined();
      expect(out.stderr).toBe(`cancelflow serve: port ${port} is in use; pick another with --port\n`);
    } finally {
      busy.close();
    }
  });

  it('refuses a malformed port as a usage error (exit 2)', async () => {
    const { out, io } = capture();
    expect(await main(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(out.stderr).toContain('--port must be a port number 0–65535, not "eighty"');
  });

  it('is listed in the help, with demo', async () => {
    const { out, io } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.stdout).toContain('cancelflow serve');
    expect(out.stdout).toContain('cancelflow demo');
    const demo = capture();
    expect(await main(['demo', '--help'], demo.io)).toBe(0);
    expect(demo.out.stdout).toContain('SAMPLE history');
  });
});

describe('cancelflow demo', () => {
  it('prints the URLs, the admin key and the secret, serves the account page, and stops cleanly on Ctrl-C', async () => {
    const data = join(dir, 'demo');
    const child = spawn(
      process.execPath,
      [bin, 'demo', '--port', '0', '--server-port', '0', '--data', data, '--sessions', '50'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let printed = '';
    for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
      printed += `${line}\n`;
      if (line.startsWith('Press Ctrl-C')) break;
    }
    const page = /Account page\s+(\S+)/.exec(printed)?.[1];
    const adminKey = /Admin key\s+(\S+)/.exec(printed)?.[1];
    const server = /Server\s+(\S+)/.exec(printed)?.[1];
    expect(printed).toContain('50 SAMPLE past sessions');
    const html = await (await fetch(`${page}?as=cus_jonas`)).text();
    expect(html).toContain('data-token="ey');
    expect(html).toContain('data-cancelflow');
    const summary = await fetch(`${server}/v1/admin/insights/summary`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(((await summary.json()) as { sessions: number }).sessions).toBe(50);
    const dashboard = /Dashboard\s+(\S+)/.exec(printed)?.[1];
    expect(dashboard).toBe(`${server}/admin/`);
    expect((await fetch(`${dashboard}`)).headers.get('content-type')).toContain('text/html');

    const exited = once(child, 'exit');
    child.kill('SIGINT');
    expect((await exited)[0]).toBe(0);
  });
});
