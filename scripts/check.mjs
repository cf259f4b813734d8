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
import { stripVTControlCharacters } from 'node:util';
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

/**
 * Runs a command with its output shown as it comes; with `log`, a copy of that output goes to the file too
 * (`tee`), for `excerpt` to quote once the step has failed.
 * @param {string} command @param {string[]} args @param {Record<string, string>} [env] @param {string} [log]
 */
function run(command, args, env = {}, log) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const [file, argv] = log
    ? ['bash', ['-o', 'pipefail', '-c', '"$0" "$@" 2>&1 | tee "$CHECK_LOG"', command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, ...env, ...(log ? { CHECK_LOG: log } : {}) },
  });
  return result.status === 0;
}

/**
 * The lines of a failed step's log that say what failed, repeated just above the summary: on a long run
 * they are otherwise thousands of lines up, and a CI page may show only the end of the log. Blank lines
 * are dropped to keep it short; without the runner's heading, the log's last lines.
 * @param {string} log @param {RegExp} start the line where the runner begins its account of failures
 */
function excerpt(log, start, lines = 12) {
  let all;
  try {
    all = stripVTControlCharacters(readFileSync(log, 'utf8'))
      .split('\n')
      .filter((line) => line.trim());
  } catch {
    return [];
  }
  const at = all.findIndex((line) => start.test(line));
  return at < 0 ? all.slice(-lines) : all.slice(at, at + lines);
}

/** @param {string} file @param {(json: any) => string} summarise */
function countFrom(file, summarise) {
  try {
    return ` (${summarise(JSON.parse(readFileSync(file, 'utf8')))})`;
  } catch {
    return '';
  }
}

/** @typedef {{ ok: boolean, note?: string, failures?: string[] }} Outcome */
/** @typedef {{ name: string, needs?: string[], run: () => Outcome }} Step */
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
      const log = join(reports, 'vitest.log');
      const ok = run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {}, log);
      return {
        ok,
        // vitest's account of failures: failed suites or tests, or errors thrown outside any test.
        failures: ok ? [] : excerpt(log, /⎯{3,} (Failed Suites|Failed Tests|Unhandled Errors?)/),
        note: countFrom(
          out,
          (j) =>
            `${j.numPassedTests} of ${j.numTotalTests} tests passed, ${j.numPendingTests + j.numTodoTests} skipped` +
            // Every test can pass and the run still fail: a file that did not load, an error outside any test.
            (j.numFailedTestSuites ? `, ${j.numFailedTestSuites} suites failed` : '') +
            (!ok && j.success ? ', errors outside the tests' : ''),
        ),
      };
    },
  },
  {
    name: 'browser',
    needs: ['build'],
    run: () => {
      const out = join(reports, 'playwright.json');
      const log = join(reports, 'playwright.log');
      const ok = run('playwright', ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out }, log);
      // CANCELFLOW_CPU_THROTTLE=N (tests/browser/fixtures.ts) slows every page's CPU N×: say so in the summary.
      const throttled = cpuThrottleRate > 1 ? `, CPU throttled ${cpuThrottleRate}×` : '';
      return {
        ok,
        // The list reporter numbers each failure's account: "  1) [chromium] › …".
        failures: ok ? [] : excerpt(log, /^\s+1\) /),
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
/** @type {string[]} */
const accounts = [];
for (const step of steps) {
  if (wanted.length && !wanted.includes(step.name)) continue;
  const blocker = (step.needs ?? []).find((need) => passed.get(need) === false);
  if (blocker) {
    passed.set(step.name, false);
    summary.push(`${step.name} skipped (${blocker} failed)`);
    continue;
  }
  const { ok, note = '', failures = [] } = step.run();
  passed.set(step.name, ok);
  if (failures.length) accounts.push(`\n--- ${step.name}: what failed ---`, ...failures);
  summary.push(`${step.name} ${ok ? 'passed' : 'FAILED'}${note}`);
}

const failed = [...passed.values()].filter((ok) => !ok).length;
if (accounts.length) console.log(accounts.join('\n'));
console.log(
  `\n${failed ? `FAILED (${failed} of ${passed.size} steps)` : `ALL PASSED (${passed.size} steps)`}: ${summary.join(', ')}`,
);
process.exit(failed ? 1 : 0);
