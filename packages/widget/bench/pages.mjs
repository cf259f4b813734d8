// @ts-check
// The benchmark's pages, served over loopback: the floor (floor.js, built here with Vite), the widget
// with a static flow (`data-flow`), and the widget against a real `cancelflow serve` process on
// another port (`data-endpoint`, so cross-origin as in production: CORS preflight included).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
/** The widget build under test, and optionally an older one (BENCH_WIDGET_BEFORE) measured in the same run. */
const dist = join(repo, 'packages/widget/dist');
const beforeDist = process.env.BENCH_WIDGET_BEFORE;
const flowFile = join(repo, 'examples/flows/saas.json');
const SECRET = 'bench-widget-secret-0123456789abcdef01234567';

/** The floor's bundle: Preact and @preact/signals as the dashboard has them, one minified file. */
async function floorBundle() {
  const from = (/** @type {string} */ pkg) => join(repo, 'packages/dashboard/node_modules', pkg);
  const result = /** @type {import('vite').Rollup.RollupOutput[]} */ (
    await build({
      root: repo,
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: { preact: from('preact'), '@preact/signals': from('@preact/signals') } },
      build: {
        write: false,
        target: 'es2022',
        lib: {
          entry: fileURLToPath(new URL('floor.js', import.meta.url)),
          formats: ['es'],
          fileName: () => 'floor.js',
        },
        rolldownOptions: { output: { minify: true } },
      },
    })
  );
  const chunk = result[0]?.output.find((item) => item.type === 'chunk');
  if (!chunk) throw new Error('bench-widget: the floor page did not build');
  return chunk.code;
}

/** What the floor shows: the widget's first screen for this flow, in English, with the widget's stylesheet. */
async function floorContent() {
  const { default: en } = await import(join(repo, 'packages/core/src/i18n/messages/en.ts'));
  const flow = JSON.parse(readFileSync(flowFile, 'utf8'));
  const survey = flow.steps[0];
  return {
    css: readFileSync(join(repo, 'packages/widget/src/ui/styles.css'), 'utf8'),
    title: en['survey.title'],
    description: en['survey.description'],
    legend: en['survey.reasonsLabel'],
    step: en['dialog.step'].replace('{current}', '1'),
    close: en['dialog.close'],
    next: en['dialog.next'],
    cancel: en['dialog.continueToCancel'],
    reasons: survey.reasons.map((/** @type {{ label: string }} */ r) => r.label),
  };
}

/** A subscriber token as a site's server signs it (HS256), valid for a day. */
function token() {
  const part = (/** @type {object} */ value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'HS256', typ: 'JWT' });
  const body = part({ iss: 'bench', sub: `bench-${Math.random()}`, exp: Math.floor(Date.now() / 1000) + 86400 });
  return `${header}.${body}.${createHmac('sha256', SECRET).update(`${header}.${body}`).digest('base64url')}`;
}

const TRIGGER = '<a id="cancel" href="/bye" data-cancelflow>Cancel subscription</a>';

/** `cancelflow serve` in its own process, for the site "bench" at `origin`; resolves once it answers. */
async function startReferenceServer(/** @type {string} */ origin) {
  const dir = mkdtempSync(join(tmpdir(), 'cancelflow-bench-widget-'));
  writeFileSync(join(dir, 'flow.json'), readFileSync(flowFile));
  writeFileSync(
    join(dir, 'sites.json'),
    JSON.stringify([{ id: 'bench', secret: SECRET, origins: [origin], flow: 'flow.json', billing: { type: 'demo' } }]),
  );
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(repo, 'packages/cli/bin/cancelflow.js'),
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--db',
      join(dir, 'cancelflow.sqlite'),
      '--sites',
      join(dir, 'sites.json'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`bench-widget: cancelflow serve exited with ${child.exitCode}`);
    const up = await fetch(`${url}/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300) throw new Error('bench-widget: cancelflow serve did not answer /v1/health within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * The loader's pages are cross-origin isolated: there `performance.now()` has microseconds, where a
 * page that is not has 0.1 ms with jitter, the size of the cost being measured. (Everything they
 * fetch, after the second mark, is same-origin.)
 * @param {string} path
 */
const isolated = (path) =>
  /^\/(load|empty)/.test(path)
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};

/**
 * Serves the pages and the built widget; starts the reference server. `pages` maps each page's name
 * to its URL. The loader's page-load cost is measured on /load.html (the loader inlined between two
 * `performance.now()` marks; /load-before.html the "before" build's) against /empty.html (the same
 * marks around nothing), and on /load-dom.html against /empty-dom.html (both touch the DOM first).
 */
export async function startPages() {
  const [floor, content] = await Promise.all([floorBundle(), floorContent()]);
  const loader = readFileSync(join(dist, 'cancelflow.js'), 'utf8');
  const flow = readFileSync(flowFile, 'utf8');
  /** @type {{ url: string, close: () => Promise<void> } | undefined} */
  let reference;
  const html = (/** @type {string} */ body) => `<!doctype html><html lang="en"><title>bench</title><body>${body}`;
  /**
   * A loader inlined between the two marks /empty.html has around nothing; with `dom`, the page's
   * first script touches an element and adds a listener before the first mark, as a site's own
   * scripts do, so that the DOM's one-time set-up is not counted (/empty-dom.html is its baseline).
   */
  const marked = (/** @type {string} */ code, dom = false) =>
    html(
      `<script>${dom ? 'document.body.dataset.x = "";addEventListener("x", () => {});' : ''}window.t0 = performance.now()</script>${code}<script>window.t1 = performance.now()</script>`,
    );
  const inlined = (/** @type {string} */ code, dom = false) =>
    marked(`<script data-flow="/flow.json">${code}</script>`, dom);
  /** @type {Record<string, () => string>} */
  const routes = {
    '/floor.html': () =>
      html(
        `${TRIGGER}<script type="application/json" id="floor-content">${JSON.stringify(content).replace(/</g, '\\u003c')}</script><script type="module" src="/floor.js"></script>`,
      ),
    '/static.html': () => html(`${TRIGGER}<script src="/cancelflow.js" data-flow="/flow.json" async></script>`),
    '/server.html': () =>
      html(
        `${TRIGGER}<script src="/cancelflow.js" data-endpoint="${reference?.url}" data-token="${token()}" async></script>`,
      ),
    '/static-before.html': () =>
      html(`${TRIGGER}<script src="/before/cancelflow.js" data-flow="/flow.json" async></script>`),
    '/server-before.html': () =>
      html(
        `${TRIGGER}<script src="/before/cancelflow.js" data-endpoint="${reference?.url}" data-token="${token()}" async></script>`,
      ),
    '/empty.html': () => marked(''),
    '/empty-dom.html': () => marked('', true),
    '/load.html': () => inlined(loader),
    '/load-dom.html': () => inlined(loader, true),
    ...(beforeDist && { '/load-before.html': () => inlined(readFileSync(join(beforeDist, 'cancelflow.js'), 'utf8')) }),
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    if (route) return res.writeHead(200, { 'content-type': 'text/html', ...isolated(path) }).end(route());
    if (path === '/flow.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(flow);
    if (path === '/floor.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(floor);
    let body;
    try {
      body =
        beforeDist && path.startsWith('/before/')
          ? readFileSync(join(beforeDist, path.slice('/before/'.length)))
          : readFileSync(join(dist, path.slice(1)));
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  reference = await startReferenceServer(base);
  return {
    base,
    names: ['floor', 'static', 'server', ...(beforeDist ? ['static-before', 'server-before'] : [])],
    close: async () => {
      await reference?.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
