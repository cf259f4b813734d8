// @ts-check
// The size check: measures every shipped browser bundle (gzip level 9, as served by a typical CDN),
// prints a table, and exits non-zero when a budget's hard limit is exceeded (brief, section 8).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** Folders whose .js and .css files are shipped to browsers. */
export const BROWSER_DIST = ['packages/widget/dist'];

/**
 * @typedef {{ name: string, files: string[], limit: number, goal: number }} Budget
 * @type {Budget[]}
 */
export const BUDGETS = [
  { name: 'loader', files: ['packages/widget/dist/cancelflow.js'], limit: 1536, goal: 1024 },
  {
    name: 'click path (loader + UI)',
    files: ['packages/widget/dist/cancelflow.js', 'packages/widget/dist/cancelflow-ui.js'],
    limit: 20480,
    goal: 15360,
  },
];

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
 * @param {Budget[]} budgets
 * @param {string} root the folder budget file paths are relative to
 */
export function checkBudgets(budgets, root) {
  return budgets.map((budget) => {
    const missing = budget.files.filter((file) => !existsSync(join(root, file)));
    const gzip = missing.length ? 0 : budget.files.reduce((sum, file) => sum + measure(join(root, file)).gzip, 0);
    const ok = missing.length === 0 && gzip <= budget.limit;
    const problem = missing.length
      ? `missing ${missing.join(', ')} (run the build first)`
      : gzip > budget.limit
        ? `over the hard limit by ${gzip - budget.limit} B`
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
  const lines = [row(44, ['bundle', 'raw', 'gzip', 'brotli'])];
  for (const dir of dirs) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs)
      .filter((n) => /\.(js|css)$/.test(n))
      .sort()) {
      const size = measure(join(abs, name));
      lines.push(row(44, [relative(root, join(abs, name)), kb(size.raw), kb(size.gzip), kb(size.brotli)]));
    }
  }
  return lines.join('\n');
}

/** @param {ReturnType<typeof checkBudgets>} results */
export function budgetTable(results) {
  const lines = [`${row(32, ['budget', 'gzip', 'goal', 'limit'])}  status`];
  for (const r of results) {
    const status = !r.ok ? `FAIL: ${r.problem}` : r.gzip > r.goal ? 'ok (over goal)' : 'ok';
    lines.push(`${row(32, [r.name, kb(r.gzip), kb(r.goal), kb(r.limit)])}  ${status}`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = checkBudgets(BUDGETS, repo);
  console.log(bundleTable(BROWSER_DIST, repo));
  console.log();
  console.log(budgetTable(results));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.error(`\nsize check failed: ${failed.map((r) => `${r.name} ${r.problem}`).join('; ')}`);
    process.exit(1);
  }
}
