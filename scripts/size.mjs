// @ts-check
// The size check: measures every shipped browser bundle (gzip level 9, as a CDN serves it), prints
// a table, and exits non-zero when a hard limit (docs/benchmarks.md) is exceeded:
// - the loader: at most 1.5 KB;
// - the click path: everything fetched from the click to an interactive modal — the loader, the UI
//   chunk and what it imports statically, the first screen's strings (counted for the largest
//   locale) and the code of the mode (the server's session, or a static flow's resolution) — at most
//   15 KB in server mode and 20 KB in static mode; and at most 20 KB for a server flow that opens on
//   another step than the survey (its confirm step; or an offer, feedback or a custom step, counted
//   with the largest), which adds that step's code, its strings and the formats of amounts and dates;
// - a chunk split off the UI chunk: it would cost a cold click one more round trip. The widget's build writes
//   which files those are to click-path.json.
// The same holds a static flow that opens on its confirm step; one that opens on an offer is reported
// without a limit (it is over). It also reports each package's share of the UI chunk and what the
// flow schema would cost a browser (the editor, never the widget).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const repo = fileURLToPath(new URL('..', import.meta.url));
const WIDGET_DIST = 'packages/widget/dist';

/** Folders whose .js and .css files are shipped to browsers (the dashboard's: its flow editor chunk has a budget). */
export const BROWSER_DIST = [WIDGET_DIST, `${WIDGET_DIST}/chunks`, 'packages/dashboard/dist/assets'];

/** @typedef {{ critical: string[], serverMode: string[], formats: string[], staticFlow: string[], catalogs: Record<'opening' | 'confirm' | 'offer' | 'later', Record<string, string>>, steps: Record<string, string[]>, stepParts?: Record<string, ('confirm' | 'offer' | 'later')[]>, deferred: string[], modules: Record<string, number> }} ClickPath */
/** @typedef {{ name: string, files: string[], limit: number, goal: number, enforced: boolean }} Budget */

/** @param {string} path */
export function measure(path) {
  const bytes = readFileSync(path);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length,
  };
}

/**
 * The lazily loaded steps a flow may open on, with each one's files: all but the done step, which
 * never opens a flow (the engine goes to the confirm step first).
 * @param {ClickPath} path
 */
const openingSteps = (path) => Object.entries(path.steps ?? {}).filter(([type]) => type !== 'done');

/**
 * The largest of these file groups (gzip), the files of each relative to `root`.
 * @param {string} root @param {string[][]} groups
 */
function largest(root, groups) {
  const size = (/** @type {string[]} */ files) =>
    files.every((file) => existsSync(join(root, file)))
      ? files.reduce((sum, file) => sum + measure(join(root, file)).gzip, 0)
      : -1;
  return groups.map((files) => ({ files, gzip: size(files) })).sort((a, b) => b.gzip - a.gzip)[0]?.files ?? [];
}

/**
 * The budgets, from the widget build's click-path manifest (paths relative to `root`). The largest
 * catalog part stands for the subscriber's language, so every locale is within the limit; the flows
 * that open on an offer, feedback or a custom step are counted with the largest of those steps.
 * @param {string} root
 * @returns {Budget[]}
 */
export function budgets(root) {
  const loader = `${WIDGET_DIST}/cancelflow.js`;
  const manifestPath = join(root, WIDGET_DIST, 'click-path.json');
  if (!existsSync(manifestPath)) {
    return [{ name: 'click path', files: [relative(root, manifestPath)], limit: 0, goal: 0, enforced: true }];
  }
  /** @type {ClickPath} */
  const path = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const inDist = (/** @type {string} */ file) => `${WIDGET_DIST}/${file}`;
  const part = (/** @type {'opening' | 'confirm' | 'offer' | 'later'} */ name) =>
    largest(
      root,
      Object.values(path.catalogs[name] ?? {}).map((file) => [inDist(file)]),
    );
  // Every step but the survey comes with the formats of amounts and dates, and the catalog parts it
  // shows (the manifest's stepParts; all of them from a build that predates it).
  const formats = (path.formats ?? []).map(inDist);
  const opening = (/** @type {string} */ type) => [
    ...(path.steps?.[type] ?? []).map(inDist),
    ...formats,
    ...(path.stepParts?.[type] ?? ['confirm', 'offer', 'later']).flatMap(part),
  ];
  const other = largest(
    root,
    openingSteps(path)
      .filter(([type]) => type !== 'confirm')
      .map(([type]) => opening(type)),
  );
  const common = [loader, ...path.critical.map(inDist), ...part('opening')];
  const server = [...common, ...(path.serverMode ?? []).map(inDist)];
  const staticFlow = path.staticFlow.map(inDist);
  /** A file both the mode's code and the opening step's import is fetched, and counted, once. */
  const union = (/** @type {string[][]} */ ...groups) => [...new Set(groups.flat())];
  return [
    { name: 'loader', files: [loader], limit: 1536, goal: 1024, enforced: true },
    // The 15 KB goal, reached (#18), is the server path's hard limit now.
    { name: 'click path (server)', files: server, limit: 15360, goal: 15360, enforced: true },
    {
      name: 'click path (server, confirm first)',
      files: union(server, opening('confirm')),
      limit: 20480,
      goal: 15360,
      enforced: true,
    },
    {
      name: 'click path (server, offer first)',
      files: union(server, other),
      limit: 20480,
      goal: 15360,
      enforced: true,
    },
    {
      name: 'click path (static flow)',
      files: union(common, staticFlow),
      limit: 20480,
      goal: 15360,
      enforced: true,
    },
    {
      name: 'click path (static, confirm first)',
      files: union(common, staticFlow, opening('confirm')),
      limit: 20480,
      goal: 15360,
      enforced: true,
    },
    // Over the limit: the static flow's code and an offer step's together (docs/benchmarks.md).
    {
      name: 'click path (static, offer first)',
      files: union(common, staticFlow, other),
      limit: 20480,
      goal: 15360,
      enforced: false,
    },
  ];
}

const DASHBOARD_ASSETS = 'packages/dashboard/dist/assets';

/**
 * The dashboard's flow editor chunk (FlowView-<hash>.js): what the editor view fetches before it can be
 * used. It was 173 KB with CodeMirror's basicSetup, the diff, the search panel and the JSON Schema in it;
 * those three come when first used now (docs/dashboard.md, _Size_), and this limit keeps them out.
 * @param {string} root
 * @returns {Budget[]}
 */
export function dashboardBudgets(root) {
  const dir = join(root, DASHBOARD_ASSETS);
  const chunk = existsSync(dir) ? readdirSync(dir).find((name) => /^FlowView-[\w-]+\.js$/.test(name)) : undefined;
  const file = `${DASHBOARD_ASSETS}/${chunk ?? 'FlowView-<hash>.js'}`;
  return [{ name: 'dashboard flow editor', files: [file], limit: 163840, goal: 163840, enforced: true }];
}

/**
 * @param {Budget[]} list
 * @param {string} root the folder budget file paths are relative to
 */
export function checkBudgets(list, root) {
  return list.map((budget) => {
    const missing = budget.files.filter((file) => !existsSync(join(root, file)));
    const gzip = missing.length ? 0 : budget.files.reduce((sum, file) => sum + measure(join(root, file)).gzip, 0);
    const over = gzip > budget.limit;
    const ok = missing.length === 0 && (!over || !budget.enforced);
    const problem = missing.length
      ? `missing ${missing.join(', ')} (run the build first)`
      : over
        ? `over the ${budget.enforced ? 'hard limit' : 'budget (reported, not enforced)'} by ${gzip - budget.limit} B`
        : '';
    return { ...budget, gzip, ok, problem };
  });
}

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

/** One table row: the first cell left-aligned in `first` columns, the others right-aligned in 12. */
const row = (/** @type {number} */ first, /** @type {string[]} */ [head = '', ...rest]) =>
  [head.padEnd(first), ...rest.map((cell) => cell.padStart(12))].join('');

/** @param {string[]} dirs @param {string} root */
export function bundleTable(dirs, root) {
  const lines = [row(56, ['bundle', 'raw', 'gzip', 'brotli'])];
  for (const dir of dirs) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs)
      .filter((n) => /\.(js|css)$/.test(n))
      .sort()) {
      const size = measure(join(abs, name));
      lines.push(row(56, [relative(root, join(abs, name)), kb(size.raw), kb(size.gzip), kb(size.brotli)]));
    }
  }
  return lines.join('\n');
}

/** @param {ReturnType<typeof checkBudgets>} results */
export function budgetTable(results) {
  const lines = [`${row(40, ['budget', 'gzip', 'goal', 'limit'])}  status`];
  for (const r of results) {
    const status = r.problem ? `${r.ok ? 'note' : 'FAIL'}: ${r.problem}` : r.gzip > r.goal ? 'ok (over goal)' : 'ok';
    lines.push(`${row(40, [r.name, kb(r.gzip), kb(r.goal), kb(r.limit)])}  ${status}`);
  }
  return lines.join('\n');
}

/**
 * Each package's share of the UI chunk (from the bundler's rendered lengths), as approximate gzip
 * bytes, and whether zod slipped into the click path (it must not: the schema is for servers, the CLI
 * and the editor).
 * @param {string} root
 */
export function shares(root) {
  const manifestPath = join(root, WIDGET_DIST, 'click-path.json');
  if (!existsSync(manifestPath)) return { lines: [], zod: false };
  /** @type {ClickPath} */
  const path = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const gzip = path.critical.reduce((sum, file) => sum + measure(join(root, WIDGET_DIST, file)).gzip, 0);
  const total = Object.values(path.modules).reduce((sum, n) => sum + n, 0);
  const entries = Object.entries(path.modules)
    .filter(([, n]) => n / total >= 0.01)
    .sort((a, b) => b[1] - a[1]);
  return {
    lines: entries.map(([name, n]) =>
      row(44, [name, `${((100 * n) / total).toFixed(1)} %`, `~${kb((gzip * n) / total)}`]),
    ),
    zod: Object.keys(path.modules).some((name) => name.startsWith('zod')),
  };
}

/**
 * The requests a cold click makes before the first screen, and the longest chain of them (each link
 * one round trip), from the build's manifest. The loader is in the page already; the click fetches
 * the UI chunk with its static imports (found once the entry is parsed: a second link if there are
 * any), then at once the subscriber's strings and the code of its mode with that code's imports
 * (packages/widget/parallel-imports.mjs starts them together): the server's, which then posts the
 * session; or the static flow's, which then fetches the flow's file. Once the page is idle, or after intent, the loader has
 * fetched all code already, and in server mode the session's preview: the first screen waits for no
 * request in either mode (in server mode `POST /v1/sessions` goes out at the click, not waited for).
 * `pnpm bench:widget` counts the real ones in Chromium.
 * @param {string} root
 */
export function clickRequests(root) {
  const manifestPath = join(root, WIDGET_DIST, 'click-path.json');
  if (!existsSync(manifestPath)) return [];
  /** @type {ClickPath} */
  const path = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const ui = path.critical.length;
  const server = path.serverMode?.length ?? 0;
  const chain = (ui > 1 ? 2 : 1) + 2;
  const step = Math.max(...openingSteps(path).map(([, files]) => files.length));
  const extra = `a flow that opens on another step than the survey adds that step's code (up to ${step} files) and strings, known once the session answers`;
  return [
    `server mode, a click before the page was idle: ${ui + 2 + server} requests (UI ${ui}, first-screen strings, server-session code ${server}, POST /v1/sessions), longest chain ${chain}; after idle or intent none waited for (POST /v1/sessions goes out in parallel with the first screen)`,
    `  ${extra}: longest chain ${chain + 1}; after idle or intent none (the preview names the first step)`,
    `static flow, a click before the page was idle: ${ui + 2 + path.staticFlow.length} requests (UI ${ui}, first-screen strings, static-flow code ${path.staticFlow.length}, the flow's file), longest chain ${chain}; after idle or intent none`,
  ];
}

/**
 * The files the UI chunk imports statically (a chunk the bundler split off it, e.g. a module both it
 * and a lazy view import): each is fetched only once the UI chunk is parsed, one more round trip on a
 * cold click, so the check fails on any.
 * @param {string} root
 */
export function splitOffTheUi(root) {
  const manifestPath = join(root, WIDGET_DIST, 'click-path.json');
  if (!existsSync(manifestPath)) return [];
  /** @type {ClickPath} */
  const path = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return path.critical.slice(1);
}

/** What `@cancelflow/core/schema` (zod/mini + the flow schema) costs a browser that imports it. */
async function schemaCost() {
  const { build } = await import('vite');
  const result = /** @type {import('vite').Rollup.RollupOutput[]} */ (
    await build({
      root: repo,
      configFile: false,
      logLevel: 'silent',
      resolve: { conditions: ['source'] },
      build: {
        write: false,
        target: 'es2022',
        lib: { entry: 'packages/core/src/schema.ts', formats: ['es'], fileName: () => 'schema.js' },
        rolldownOptions: { output: { minify: true } },
      },
    })
  );
  const code = result[0]?.output.find((item) => item.type === 'chunk')?.code ?? '';
  return gzipSync(code, { level: 9 }).length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = checkBudgets([...budgets(repo), ...dashboardBudgets(repo)], repo);
  console.log(bundleTable(BROWSER_DIST, repo));
  console.log();
  console.log(budgetTable(results));
  console.log(
    '\nrequests from a click to the first screen, the loader in the page (the loader prepares the rest once the page is idle)',
  );
  for (const line of clickRequests(repo)) console.log(`  ${line}`);
  const { lines, zod } = shares(repo);
  console.log('\nshare of the UI chunk (approximate gzip)');
  for (const line of lines) console.log(`  ${line}`);
  console.log(`\nflow schema in a browser (editor only, never the widget): ${kb(await schemaCost())} gzip`);
  const failed = results.filter((r) => !r.ok);
  if (zod) console.error('\nsize check failed: zod is in the widget click path; import the schema only outside it.');
  if (failed.length) {
    console.error(`\nsize check failed: ${failed.map((r) => `${r.name} ${r.problem}`).join('; ')}`);
  }
  const split = splitOffTheUi(repo);
  if (split.length) {
    console.error(
      `\nsize check failed: the UI chunk imports ${split.join(', ')} statically, a second round trip on a cold click; keep those modules in the UI chunk.`,
    );
  }
  if (zod || failed.length || split.length) process.exit(1);
}
