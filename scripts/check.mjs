// @ts-check
// The one test command (`pnpm test`): typecheck, lint, import rules (dependency-cruiser), build, size
// check, package checks (publint,
// Are The Types Wrong), the packed tarballs installed and used outside the repository, unit and
// component tests, browser tests — in that order — then one summary line. A step whose input failed is skipped and
// counted as failed. `node scripts/check.mjs <step>...` runs only the named steps.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuThrottleRate } from './chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const reports = join(repo, '.data', 'reports');
mkdirSync(reports, { recursive: true });

/** Every tsconfig that type-checks a part of the repository: the root one, each package's, each example's. */
function tsconfigs() {
  const found = ['tsconfig.json'];
  for (const folder of ['packages', 'examples']) {
    for (const name of readdirSync(join(repo, folder)).sort()) {
      for (const file of [`${folder}/${name}/tsconfig.json`, `${folder}/${name}/test/tsconfig.json`]) {
        if (existsSync(join(repo, file))) found.push(file);
      }
    }
  }
  return found;
}

/** @param {string} command @param {string[]} args @param {Record<string, string>} [env] */
function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** @param {string} file @param {(json: any) => string} summarise */
function countFrom(file, summarise) {
  try {
    return ` (${summarise(JSON.parse(readFileSync(file, 'utf8')))})`;
  } catch {
    return '';
  }
}

/** @typedef {{ name: string, needs?: string[], run: () => { ok: boolean, note?: string } }} Step */
/** @type {Step[]} */
const steps = [
  {
    name: 'typecheck',
    run: () => ({
      ok: tsconfigs()
        .map((config) => run('tsc', ['-p', config]))
        .every(Boolean),
    }),
  },
  { name: 'lint', run: () => ({ ok: run('biome', ['ci', '.']) }) },
  {
    // The rules are in .dependency-cruiser.mjs: no import cycles, a pure core, widget and server apart.
    name: 'deps',
    run: () => {
      const sources = readdirSync(join(repo, 'packages'))
        .sort()
        .map((name) => `packages/${name}/src`)
        .filter((dir) => existsSync(join(repo, dir)));
      return { ok: run('depcruise', ['--config', '.dependency-cruiser.mjs', '--output-type', 'err', ...sources]) };
    },
  },
  { name: 'build', run: () => ({ ok: run('pnpm', ['-r', '--workspace-concurrency=1', 'run', 'build']) }) },
  { name: 'size', needs: ['build'], run: () => ({ ok: run('node', ['scripts/size.mjs']) }) },
  { name: 'packages', needs: ['build'], run: () => ({ ok: run('node', ['scripts/check-packages.mjs']) }) },
  { name: 'install', needs: ['packages'], run: () => ({ ok: run('node', ['scripts/check-install.mjs']) }) },
  {
    name: 'unit',
    run: () => {
      const out = join(reports, 'vitest.json');
      const ok = run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
      return {
        ok,
        note: countFrom(
          out,
          (j) =>
            `${j.numPassedTests} of ${j.numTotalTests} tests passed, ${j.numPendingTests + j.numTodoTests} skipped`,
        ),
      };
    },
  },
  {
    name: 'browser',
    needs: ['build'],
    run: () => {
      const out = join(reports, 'playwright.json');
      const ok = run('playwright', ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
      // CANCELFLOW_CPU_THROTTLE=N (tests/browser/fixtures.ts) slows every page's CPU N×: say so in the summary.
      const throttled = cpuThrottleRate > 1 ? `, CPU throttled ${cpuThrottleRate}×` : '';
      return {
        ok,
        note: countFrom(
          out,
          (j) =>
            `${j.stats.expected}/${j.stats.expected + j.stats.unexpected + j.stats.flaky} tests in ${Math.round(j.stats.duration / 1000)} s${throttled}`,
        ),
      };
    },
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !steps.some((s) => s.name === name));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps are ${steps.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

/** @type {Map<string, boolean>} */
const passed = new Map();
const summary = [];
for (const step of steps) {
  if (wanted.length && !wanted.includes(step.name)) continue;
  const blocker = (step.needs ?? []).find((need) => passed.get(need) === false);
  if (blocker) {
    passed.set(step.name, false);
    summary.push(`${step.name} skipped (${blocker} failed)`);
    continue;
  }
  const { ok, note = '' } = step.run();
  passed.set(step.name, ok);
  summary.push(`${step.name} ${ok ? 'passed' : 'FAILED'}${note}`);
}

const failed = [...passed.values()].filter((ok) => !ok).length;
console.log(
  `\n${failed ? `FAILED (${failed} of ${passed.size} steps)` : `ALL PASSED (${passed.size} steps)`}: ${summary.join(', ')}`,
);
process.exit(failed ? 1 : 0);
