// @ts-check
// The `install` step of the test command: what a new user does outside this repository. The packed
// tarballs are installed with npm into a scratch directory (with vite, React and TypeScript from the
// registry), and the widget's also with pnpm as `pnpm tarballs` prints it; there `npx cancelflow validate` and `npx cancelflow serve` run, so does the server started
// from code as @cancelflow/server's README shows it (both must serve /cancelflow.js), a plain Vite + TypeScript
// app and a React app (scripts/install-check/) type-check against the installed types, build with
// Vite, and open the flow in Chromium against the installed server; node-app/ type-checks every entry
// point under Node's own resolution (nodenext, ESM and CommonJS) and require()s each package. Needs `pnpm build` first and the
// npm registry.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
import { packAll, pnpmLines, repo } from './pack.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'cancelflow-install-'));
const SECRET = 'install-check-secret-0123456789abcdef';
const ADMIN_KEY = 'install-check-admin-key-0123456789';
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];

/** @param {string} message */
function fail(message) {
  throw new Error(`install: ${message}`);
}

/** Runs `command` in the scratch directory; returns its output, or fails naming it. */
function sh(/** @type {string} */ command, /** @type {string[]} */ args, { expect = 0, env = {} } = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 600_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== expect) fail(`\`${command} ${args.join(' ')}\` exited ${result.status}:\n${output}`);
  return output;
}

/** Starts `npx …` (or `command …`) in the scratch directory; resolves once its output matches `ready`. */
function start(/** @type {string[]} */ args, /** @type {RegExp} */ ready, env = {}, command = 'npx') {
  console.log(`$ ${command} ${args.join(' ')} &`);
  // Its own process group, so stopping it stops what npx started too.
  const child = spawn(command, args, { cwd: scratch, env: { ...process.env, ...env }, stdio: 'pipe', detached: true });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`install: ${command} ${args.join(' ')} never said ${ready}:\n${output}`)),
      120_000,
    );
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`install: ${command} ${args.join(' ')} exited ${code}:\n${output}`)));
  });
}

/** A free loopback port. */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const versionsFrom = (/** @type {string} */ file) => {
  const pkg = JSON.parse(readFileSync(join(repo, file), 'utf8'));
  return { ...pkg.dependencies, ...pkg.devDependencies };
};

/** The machine's own Node when it is older than 22 (the server's minimum), e.g. Debian's Node 20. */
function olderSystemNode() {
  return ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    if (!existsSync(path) || path === process.execPath) return false;
    const major = spawnSync(path, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout;
    return Number(major) < 22;
  });
}

try {
  // 1. Install what a new user would: our tarballs, and the app tooling at the versions the repo uses.
  mkdirSync(join(scratch, 'tarballs'));
  const tarballs = packAll(join(scratch, 'tarballs'));
  const missing = tarballs.filter((p) => !p.tarball).map((p) => p.name);
  if (missing.length) fail(`pnpm pack failed for ${missing.join(', ')}`);
  const root = versionsFrom('package.json');
  const react = versionsFrom('examples/react/package.json');
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  sh('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...tarballs.map((p) => String(p.tarball)),
    `vite@${root.vite}`,
    `typescript@${root.typescript}`,
    `@types/node@${root['@types/node']}`,
    ...['react', 'react-dom', '@types/react', '@types/react-dom', '@vitejs/plugin-react'].map(
      (n) => `${n}@${react[n]}`,
    ),
  ]);

  // 1b. The same tarballs with pnpm, as `pnpm tarballs` prints it: the overrides in the project's
  // pnpm-workspace.yaml, then `pnpm add` of the widget alone (without them pnpm asks the registry for
  // @cancelflow/core, a 404). The widget then imports.
  const pnpmSite = join(scratch, 'pnpm-site');
  mkdirSync(pnpmSite);
  const byName = (/** @type {string} */ name) => String(tarballs.find((p) => p.name === name)?.tarball);
  const recipe = pnpmLines(
    tarballs.map((p) => p.name),
    byName,
  );
  const yaml = recipe.slice(recipe.indexOf('overrides:'), -1).join('\n');
  const add =
    recipe
      .at(-1)
      ?.match(/pnpm add (.+)$/)?.[1]
      ?.split(' ') ?? [];
  writeFileSync(join(pnpmSite, 'package.json'), JSON.stringify({ name: 'pnpm-site', private: true, type: 'module' }));
  writeFileSync(join(pnpmSite, 'pnpm-workspace.yaml'), `${yaml}\n`);
  sh('pnpm', ['--dir', pnpmSite, 'add', ...add]);
  // A file in that project, so that the bare specifier resolves from its node_modules.
  writeFileSync(
    join(pnpmSite, 'check.mjs'),
    "import { createCancelFlow } from '@cancelflow/widget';\nconsole.log(typeof createCancelFlow({ flow: '/flow.json' }).open);\n",
  );
  const imported = sh('node', [join(pnpmSite, 'check.mjs')]);
  if (!imported.includes('function')) fail(`the widget installed with pnpm did not import:\n${imported}`);

  // 2. The CLI: validate a good flow and a broken one.
  cpSync(join(repo, 'examples/flows/saas.json'), join(scratch, 'flow.json'));
  const flow = JSON.parse(readFileSync(join(scratch, 'flow.json'), 'utf8'));
  delete flow.$schema; // it points into the repository
  writeFileSync(join(scratch, 'flow.json'), JSON.stringify(flow, null, 2));
  sh('npx', ['cancelflow', 'validate', 'flow.json']);
  writeFileSync(
    join(scratch, 'broken.json'),
    JSON.stringify({ ...flow, offers: { ...flow.offers, pause: { type: 'pause' } } }, null, 2),
  );
  const problems = sh('npx', ['cancelflow', 'validate', 'broken.json'], { expect: 1 });
  if (!/broken\.json:\d+:\d+/.test(problems)) fail(`validate named no line and column:\n${problems}`);
  // The example flows the CLI ships (docs/self-hosting.md): valid, their `$schema` found in node_modules.
  const shipped = join(scratch, 'node_modules/@cancelflow/cli/dist/flows');
  for (const name of ['saas.json', 'demo.json']) {
    sh('npx', ['cancelflow', 'validate', join(shipped, name)]);
    const schema = JSON.parse(readFileSync(join(shipped, name), 'utf8')).$schema;
    if (!existsSync(join(shipped, schema))) fail(`${name}'s $schema ${schema} is not in node_modules`);
  }

  // 2b. The browser packages run in browsers; a site's build (and its server-side rendering) may still
  // run on an older Node than our server needs. Where the machine has one (a fresh CI machine's Node
  // 20), they import, validate a flow and render on the server there.
  const olderNode = olderSystemNode();
  if (olderNode) {
    const rendered = sh(olderNode, [
      '--input-type=module',
      '-e',
      `import { readFileSync } from 'node:fs';
import { validateFlowSource } from '@cancelflow/core/validate';
import * as core from '@cancelflow/core';
import { createCancelFlow } from '@cancelflow/widget';
import { CancelFlowButton } from '@cancelflow/react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
const { problems } = validateFlowSource(readFileSync('flow.json', 'utf8'));
if (problems.some((p) => p.severity === 'error')) throw new Error(JSON.stringify(problems));
if (typeof core.resolveFlow !== 'function' || typeof createCancelFlow({ flow: '/flow.json' }).open !== 'function') throw new Error('exports missing');
console.log(renderToString(createElement(CancelFlowButton, { options: null, onOutcome() {} }, 'Cancel')));`,
    ]);
    if (!rendered.includes('<button type="button"')) fail(`${olderNode} rendered no button:\n${rendered}`);
    console.log(`install: core, widget and react import, validate and render on ${olderNode}`);
  }

  // 3. The server, as installed, with the two apps' origins allowed.
  const [serverPort, vitePort, reactPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const origins = [vitePort, reactPort].map((port) => `http://127.0.0.1:${port}`);
  writeFileSync(
    join(scratch, 'sites.json'),
    JSON.stringify([{ id: 'shop', secret: SECRET, origins, flow: 'flow.json', billing: { type: 'demo' } }]),
  );
  const serveArgs = ['cancelflow', 'serve', '--port', String(serverPort), '--sites', 'sites.json', '--db', 'cf.sqlite'];
  await start(serveArgs, /"msg":"listening"/, { CANCELFLOW_ADMIN_KEY: ADMIN_KEY });
  const endpoint = `http://127.0.0.1:${serverPort}`;
  const script = await fetch(`${endpoint}/cancelflow.js`);
  if (script.status !== 200 || !/javascript/.test(script.headers.get('content-type') ?? '')) {
    fail(`GET /cancelflow.js answered ${script.status} ${script.headers.get('content-type')}`);
  }
  // The server from code, as the installed package's README shows it (its first ts block, run as it
  // is but for the port): pages load the widget from it too, so /cancelflow.js must be there.
  const readme = readFileSync(join(scratch, 'node_modules/@cancelflow/server/README.md'), 'utf8');
  const fromCode = readme.match(/^```ts\n([\s\S]*?)^```$/m)?.[1] ?? '';
  if (!fromCode.includes('port: 8787')) fail("@cancelflow/server's README has no ts block with `port: 8787`");
  const codePort = await freePort();
  writeFileSync(join(scratch, 'server.mjs'), fromCode.replace('port: 8787', `port: ${codePort}`));
  await start(['server.mjs'], /"msg":"listening"/, { CANCELFLOW_ADMIN_KEY: ADMIN_KEY }, 'node');
  const fromCodeScript = await fetch(`http://127.0.0.1:${codePort}/cancelflow.js`);
  if (fromCodeScript.status !== 200) {
    fail(
      `the server started as @cancelflow/server's README shows answered ${fromCodeScript.status} for /cancelflow.js`,
    );
  }

  const token = sh('npx', ['cancelflow', 'token', '--site', 'shop', '--sub', 'cus_install', '--claim', 'plan=pro'], {
    env: { CANCELFLOW_SECRET: SECRET },
  }).trim();

  // 4. The apps: type-checked against the installed packages, built by Vite, served by `vite preview`.
  cpSync(join(repo, 'scripts/install-check'), scratch, { recursive: true });
  sh('npx', ['tsc', '-p', 'tsconfig.json']);
  // A Node project's own resolution (nodenext): every entry point's types, from ESM and from CommonJS,
  // and require() of each package at run time (they are ES modules; docs/faq.md).
  sh('npx', ['tsc', '-p', 'node-app']);
  sh('node', ['node-app/require.cjs']);
  writeFileSync(
    join(scratch, 'react-app/vite.config.js'),
    "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n",
  );
  for (const [app, port] of [
    ['vite-app', vitePort],
    ['react-app', reactPort],
  ]) {
    sh('npx', ['vite', 'build', String(app)]);
    await start(
      ['vite', 'preview', String(app), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      /127\.0\.0\.1/,
    );
  }

  // 5. In Chromium, each app's button opens the flow the installed server serves.
  mkdirSync(join(scratch, 'shots'), { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const origin of origins) {
      const page = await browser.newPage();
      const query = new URLSearchParams({ endpoint, token });
      await page.goto(`${origin}/?${query}`);
      await page.getByRole('button', { name: 'Cancel subscription' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText("It's too expensive").waitFor({ timeout: 30_000 });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const summary = await fetch(`${endpoint}/v1/admin/insights/summary`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  const started = (await summary.json()).sessions;
  if (started !== 2) fail(`the server recorded ${started} sessions, not one per app`);
  console.log(
    '\ninstall: the tarballs install with npm; validate, serve, startServer as the server README shows it, a Vite app and a React app work',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  for (const child of children) {
    child.removeAllListeners('exit');
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  }
  await Promise.all(
    children.map((child) => child.exitCode === null && new Promise((done) => child.once('exit', done))),
  );
  rmSync(scratch, { recursive: true, force: true });
}
