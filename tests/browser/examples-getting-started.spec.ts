/**
 * docs/getting-started.md, block by block, as a reader would use it: the sites file is written as
 * shown, the `cancelflow serve` line runs in a shell, the token function signs the page's token, the
 * pasted tag and the npm snippet run in Chromium against that server. A block added to the page
 * without a use here fails the first test.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { createServer as createVite, type ViteDevServer } from 'vite';
import { expect, test } from './fixtures.ts';
import { cancelFromSurvey } from './flow.ts';

const repo = new URL('../../', import.meta.url).pathname;
const markdown = readFileSync(join(repo, 'docs/getting-started.md'), 'utf8');
const blocks = [...markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1] as string,
  code: m[2] as string,
}));
const block = (index: number, lang: string) => {
  const found = blocks[index];
  if (found?.lang !== lang) throw new Error(`getting-started.md block ${index} should be ${lang}, is ${found?.lang}`);
  return found.code;
};

test.describe.configure({ mode: 'serial' });

let dir: string;
let site: Server;
let origin: string;
let serve: ChildProcess;
let endpoint: string;
/** The admin key the serve block printed for the reader to keep. */
let adminKey: string | undefined;
let token: () => Promise<string>;
let vite: ViteDevServer | undefined;
/** What the site's pages are, per path: filled in by each test. */
const pages = new Map<string, string>();

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cancelflow-getting-started-'));
  site = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/cancelflow') {
      token().then((t) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ endpoint, token: t })),
      );
      return;
    }
    const body = pages.get(path);
    if (body) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>The site's own page: ${path}</h1>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await vite?.close();
  await stopServeLine();
  site.close();
  site.closeAllConnections();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs block 2 (`cancelflow serve …`) in a shell, in its own process group, as a terminal would. */
async function startServeLine(): Promise<void> {
  serve = spawn('sh', ['-c', block(2, 'sh')], {
    cwd: dir,
    env: { ...process.env, CANCELFLOW_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  for await (const line of createInterface({ input: serve.stdout as NodeJS.ReadableStream })) {
    adminKey ??= /^admin key: (\S+)$/.exec(line)?.[1];
    const entry = line.startsWith('{') ? JSON.parse(line) : {};
    if (entry.msg === 'listening') {
      endpoint = entry.url;
      return;
    }
  }
  throw new Error('cancelflow serve exited before listening');
}

/** Ctrl-C in that terminal: SIGINT to the whole process group (cli's serve.test.ts checks its exit code). */
async function stopServeLine(): Promise<void> {
  if (!serve?.pid || serve.exitCode !== null || serve.signalCode !== null) return;
  const exited = once(serve, 'exit');
  process.kill(-serve.pid, 'SIGINT');
  await exited;
}

test('every block on the page has its use in this test', () => {
  expect(blocks.map((b) => b.lang)).toEqual(['sh', 'json', 'sh', 'js', 'html', 'sh', 'sh', 'ts']);
  // Block 0 is `pnpm demo`: the root script runs the CLI's demo, which demo.spec.ts drives end to end.
  expect(block(0, 'sh').trim()).toBe('pnpm demo');
  const scripts = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts;
  expect(scripts.demo).toMatch(/cancelflow\.js demo$/);
  // Block 6 installs the package the npm snippet imports.
  const name = /pnpm add (\S+)/.exec(block(6, 'sh'))?.[1];
  expect(JSON.parse(readFileSync(join(repo, 'packages/widget/package.json'), 'utf8')).name).toBe(name);
  expect(block(7, 'ts')).toContain(`from '${name}'`);
});

test('script tag: the sites file, `cancelflow serve`, the token and the pasted tag', async ({ page }) => {
  // 1. The sites file as shown, for a page on this test's origin, with a secret of its own in place of the
  // placeholder (which the server refuses), as the page asks.
  const placeholder = JSON.parse(block(1, 'json'))[0].secret as string;
  const secret = randomBytes(32).toString('base64');
  writeFileSync(
    join(dir, 'sites.json'),
    block(1, 'json').replaceAll('https://app.acme.example', origin).replace(placeholder, secret),
  );
  mkdirSync(join(dir, 'flows'));
  copyFileSync(join(repo, 'examples/flows/saas.json'), join(dir, 'flows/saas.json'));

  // 2. The serve line (`npx cancelflow serve …`), in a shell, with the CLI's bin where installing it
  // in the site's folder puts it, so that npx runs it and never asks the registry.
  const bin = join(dir, 'node_modules/.bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'cancelflow'),
    `#!/bin/sh\nexec "${process.execPath}" "${repo}packages/cli/bin/cancelflow.js" "$@"\n`,
  );
  chmodSync(join(bin, 'cancelflow'), 0o755);
  await startServeLine();
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  // 3. The token function, as a module of the site's server (with jose installed next to it).
  symlinkSync(join(repo, 'packages/cli/node_modules/jose'), join(dir, 'node_modules/jose'));
  writeFileSync(join(dir, 'token.mjs'), block(3, 'js'));
  process.env.CANCELFLOW_SECRET = secret;
  const { cancelflowToken } = await import(join(dir, 'token.mjs'));
  const user = {
    id: 'cus_gs',
    subscriptionId: 'sub_gs',
    plan: 'pro',
    mrr: 49,
    createdAt: '2025-01-02',
    country: 'US',
    region: 'NY',
    periodEnd: '2099-01-31',
  };
  token = () => cancelflowToken(user);
  // Without the secret it names the variable (jose alone says only "Zero-length key is not supported").
  delete process.env.CANCELFLOW_SECRET;
  await expect(cancelflowToken(user)).rejects.toThrow(/CANCELFLOW_SECRET is not set/);
  process.env.CANCELFLOW_SECRET = secret;

  // 4. The pasted tag, with the server's address and the token filled in.
  const tag = block(4, 'html')
    .replaceAll('https://cancel.example.com', endpoint)
    .replace('{{ cancelflowToken(user) }}', await token());
  pages.set('/account', `<!doctype html><html lang="en"><meta charset="utf-8"><title>Account</title>${tag}`);

  await page.goto(`${origin}/account`);
  await page.getByRole('link', { name: 'Cancel subscription' }).click();
  await cancelFromSurvey(page);
  await expect(page.getByRole('heading', { name: "The site's own page: /account/cancel" })).toBeVisible();

  const db = new DatabaseSync(join(dir, '.data/cancelflow.sqlite'), { readOnly: true });
  try {
    expect(db.prepare("SELECT subscriber_id, status FROM sessions WHERE site_id = 'acme'").all()).toEqual([
      { subscriber_id: 'cus_gs', status: 'cancelled' },
    ]);
  } finally {
    db.close();
  }

  // 5. The insights, as the curl line asks for them, with the admin key the serve block printed.
  const curl = /^curl -H "Authorization: Bearer <the admin key>" https:\/\/cancel\.example\.com(\S+)$/.exec(
    block(5, 'sh').trim(),
  );
  expect(curl, 'the curl line in the form this test reads').not.toBeNull();
  expect(adminKey, 'the serve block prints the admin key it made').toBeTruthy();
  const summary = await fetch(`${endpoint}${curl?.[1]}`, { headers: { authorization: `Bearer ${adminKey}` } });
  expect(summary.status).toBe(200);
  expect(await summary.json()).toMatchObject({ sessions: 1, cancelled: 1 });
});

test('npm: the createCancelFlow snippet in an app', async ({ page }) => {
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'main.ts'), block(7, 'ts'));
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>App</title><script type="module" src="/main.ts"></script>
<button id="cancel-subscription">Cancel subscription</button> <button id="leave">Leave</button>`,
  );
  vite = await createVite({
    root: app,
    configFile: false,
    logLevel: 'warn',
    server: { port: 0, host: '127.0.0.1', fs: { allow: [dir, repo] } },
    // What `pnpm add @cancelflow/widget` gives an app: the package's built entry.
    resolve: { alias: { '@cancelflow/widget': join(repo, 'packages/widget/dist/npm/index.js') } },
    plugins: [
      {
        name: 'backend',
        configureServer(server) {
          server.middlewares.use('/api/cancelflow', (_req, res) => {
            token().then(
              (t) =>
                res.setHeader('content-type', 'application/json') && res.end(JSON.stringify({ endpoint, token: t })),
            );
          });
        },
      },
    ],
  });
  await vite.listen();
  const appOrigin = new URL(vite.resolvedUrls?.local[0] as string).origin;
  // The app runs on its own origin: allow it in the sites file and restart the server, as an operator would.
  const sites = JSON.parse(readFileSync(join(dir, 'sites.json'), 'utf8'));
  sites[0].origins.push(appOrigin);
  writeFileSync(join(dir, 'sites.json'), JSON.stringify(sites));
  await stopServeLine();
  await startServeLine();

  // The app attaches its trigger only once its backend has answered with the token; before that the
  // button is a plain button. A trigger prefetches the modal's code when the pointer comes over it: wait
  // for that, so that the click below is made on a trigger however slow the machine.
  let prefetched = false;
  page.on('request', (request) => {
    if (/\/ui-[\w-]+\.js$/.test(new URL(request.url()).pathname)) prefetched = true;
  });
  await page.goto(`${appOrigin}/`);
  const trigger = page.locator('#cancel-subscription');
  await expect(async () => {
    await page.mouse.move(0, 0);
    await trigger.hover();
    expect(prefetched, 'the trigger prefetched the modal').toBe(true);
  }).toPass();
  // attach(): the element is a trigger.
  await trigger.click();
  await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  // open(): the outcome decides what the app does next.
  await page.locator('#leave').click();
  await cancelFromSurvey(page);
  await expect(page).toHaveURL(`${appOrigin}/account/cancelled`);
});
