// @ts-check
// The widget benchmark (docs/benchmarks.md), in headless Chromium, timing only (never in tests).
// Side by side in one interleaved run, at CPU 1× and 4× (CDP Emulation.setCPUThrottlingRate):
// - floor: a bare Preact + @preact/signals modal already in the page, with the same first screen;
// - static: the widget with a static flow (`data-flow`);
// - server: the widget against `cancelflow serve` on another loopback port (`data-endpoint`).
// Each round loads every page twice in a fresh browser context (empty cache): once to click at once
// ("cold") and then click again `warm` times, closing with Escape in between ("warm"); once to rest
// the pointer on the trigger for 300 ms before the click ("cold after intent"). Click → paint is the
// click event's time stamp to the first task after the frame that shows the dialog's heading.
// It also counts the requests between click and paint and their longest chain, and the loader's
// main-thread time at page load (the loader inlined between two marks, less the same empty page; and
// again on a page whose own script has touched the DOM first, as a site's scripts do).
// Usage: node packages/widget/bench/widget.mjs [rounds=10] [warm clicks per load=30] [--json file]   (after `pnpm build`;
// BENCH_WIDGET_BEFORE=<another build's dist folder>, e.g. an older commit's, adds its static and server
// pages to the same interleaved run as static-before and server-before)
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { startPages } from './pages.mjs';
import { clickRequests, probe } from './probe.mjs';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
const rounds = Number(args[0] ?? 10);
const warmClicks = Number(args[1] ?? 30);
const RATES = [1, 4];

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const loadAtStart = load();
const pages = await startPages();
const PAGES = pages.names;
const browser = await chromium.launch(chromiumLaunchOptions);

/**
 * One page load in a fresh context: a click (after resting the pointer 300 ms on the trigger when
 * `intent`), then `warm` more clicks, each after closing the dialog with Escape.
 * @param {string} name @param {number} rate @param {boolean} intent @param {number} warm
 */
async function run(name, rate, intent, warm) {
  const context = await browser.newContext();
  await context.addInitScript(probe);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Network.enable');
  /** @type {import('./probe.mjs').Sent[]} */
  const sent = [];
  cdp.on('Network.requestWillBeSent', (event) => sent.push(/** @type {any} */ (event)));
  try {
    await page.goto(`${pages.base}/${name}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const w = /** @type {any} */ (window);
      return typeof w.cancelflow?.version === 'string' || document.querySelector('floor-modal');
    });
    const box = await page.locator('#cancel').boundingBox();
    if (!box) throw new Error('bench-widget: no trigger on the page');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    if (intent) {
      await page.mouse.move(x, y);
      await page.waitForTimeout(300); // the intent being measured, not a wait for a condition
    }
    const clicks = [];
    for (let i = 0; i <= warm; i++) {
      if (i > 0) {
        await page.keyboard.press('Escape');
        await page.waitForFunction((n) => /** @type {any} */ (window).bench.closes >= n, i);
      }
      await page.mouse.click(x, y);
      await page.waitForFunction((n) => /** @type {any} */ (window).bench.clicks.length > n, i, { timeout: 20_000 });
      const click = await page.evaluate((n) => /** @type {any} */ (window).bench.clicks[n], i);
      clicks.push({ ...click, requests: clickRequests(sent, click.wallClick, click.wallShown) });
    }
    return clicks;
  } finally {
    await context.close();
  }
}

/**
 * The loader's main-thread time at page load, less its baseline page's (same marks, nothing between),
 * each page in a fresh context: `LOADER_SAMPLES` pairs per round, as one pair is within the timer's
 * 0.1 ms resolution and jitter of its neighbours.
 */
async function loaderCost(/** @type {number} */ rate, /** @type {string} */ name, /** @type {string} */ baseline) {
  const span = async (/** @type {string} */ page) => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await tab.goto(`${pages.base}/${page}.html`);
    const ms = await tab.evaluate(() => /** @type {any} */ (window).t1 - /** @type {any} */ (window).t0);
    await context.close();
    return ms;
  };
  const costs = [];
  for (let i = 0; i < LOADER_SAMPLES; i++) costs.push((await span(name)) - (await span(baseline)));
  return costs;
}
const LOADER_SAMPLES = 4;
/**
 * Each loader page with its baseline and how the report names it. The goal is over an empty page,
 * whose script never touches the DOM: there the loader also pays for the page's first DOM wrappers
 * (`document.currentScript` is the first element a script touches), which on a real page the site's
 * own scripts have paid already; the "-dom" pair measures the loader after such a script.
 */
const LOADERS = [
  { page: 'load', baseline: 'empty', label: 'loader', key: 'loader' },
  {
    page: 'load-dom',
    baseline: 'empty-dom',
    label: 'loader, after a script that touched the DOM,',
    key: 'loaderAfterDom',
  },
  ...(PAGES.includes('server-before')
    ? [{ page: 'load-before', baseline: 'empty', label: 'loader, before', key: 'loaderBefore' }]
    : []),
];

/** @type {Record<string, { cold: any[], intent: any[], warm: any[], loader: number[] }>} */
const results = {};
const bucket = (/** @type {string} */ key) => {
  results[key] ??= { cold: [], intent: [], warm: [], loader: [] };
  return results[key];
};
const started = Date.now();
for (let round = 0; round < rounds; round++) {
  for (const rate of RATES) {
    for (const name of PAGES) {
      const [cold, ...warm] = await run(name, rate, false, warmClicks);
      const [intent] = await run(name, rate, true, 0);
      const b = bucket(`${name} ${rate}`);
      b.cold.push(cold);
      b.intent.push(intent);
      b.warm.push(...warm);
    }
    // At 1× only: throttling a page while it loads makes the subtraction meaningless (docs/benchmarks.md).
    for (const { page, baseline } of rate === 1 ? LOADERS : []) {
      bucket(`${page} ${rate}`).loader.push(...(await loaderCost(rate, page, baseline)));
    }
  }
  process.stderr.write(
    `round ${round + 1}/${rounds} done (${Math.round((Date.now() - started) / 1000)} s, load ${load()})\n`,
  );
}
const loadAtEnd = load();
await browser.close();
await pages.close();

/** @param {number[]} values @param {number} p */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (/** @type {any[]} */ clicks) => clicks.map((c) => c.ms);
const fmt = (/** @type {number} */ n) => n.toFixed(1).padStart(7);
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => (a / b).toFixed(2).padStart(6);
const most = (/** @type {any[]} */ clicks, /** @type {'count' | 'chain'} */ key) =>
  Math.max(...clicks.map((c) => c.requests[key]));

console.log(
  `widget benchmark: ${rounds} rounds, ${warmClicks} warm clicks per load, headless Chromium, ${cpus().length} cores, flow examples/flows/saas.json`,
);
console.log(`load average (1, 5, 15 min) at start: ${loadAtStart}; at end: ${loadAtEnd}`);
/** @type {Record<string, any>} */
const summary = { rounds, warmClicks, loadAtStart, loadAtEnd, rates: {} };
for (const rate of RATES) {
  const floor = results[`floor ${rate}`];
  if (!floor) continue;
  const floorCold = percentile(ms(floor.cold), 50);
  const floorWarmP95 = percentile(ms(floor.warm), 95);
  console.log(
    `\nCPU ${rate}×   click → paint, ms (median; p95 for warm)          ratio to the floor                    requests after click (max) / longest chain`,
  );
  console.log(
    `${'page'.padEnd(14)}${['cold', 'intent', 'warm p50', 'warm p95'].map((h) => h.padStart(9)).join('')}   ${['cold', 'intent', 'warm p95'].map((h) => h.padStart(9)).join('')}      cold     intent    warm`,
  );
  summary.rates[rate] = {};
  for (const name of PAGES) {
    const r = results[`${name} ${rate}`];
    if (!r) continue;
    const row = {
      cold: percentile(ms(r.cold), 50),
      coldP95: percentile(ms(r.cold), 95),
      intent: percentile(ms(r.intent), 50),
      intentP95: percentile(ms(r.intent), 95),
      warm: percentile(ms(r.warm), 50),
      warmP95: percentile(ms(r.warm), 95),
      requests: {
        cold: [most(r.cold, 'count'), most(r.cold, 'chain')],
        intent: [most(r.intent, 'count'), most(r.intent, 'chain')],
        warm: [most(r.warm, 'count'), most(r.warm, 'chain')],
      },
      coldUrls: r.cold[0]?.requests.urls,
      warmUrls: [...new Set(r.warm.flatMap((c) => c.requests.urls))],
      focusInDialog: [...r.cold, ...r.intent, ...r.warm].every((c) => c.focusInDialog),
    };
    summary.rates[rate][name] = row;
    console.log(
      `${name.padEnd(14)}${[row.cold, row.intent, row.warm, row.warmP95].map((n) => fmt(n).padStart(9)).join('')}   ${[
        ratio(row.cold, floorCold),
        ratio(row.intent, floorCold),
        ratio(row.warmP95, floorWarmP95),
      ]
        .map((s) => s.padStart(9))
        .join(
          '',
        )}      ${row.requests.cold.join('/').padEnd(9)}${row.requests.intent.join('/').padEnd(9)}${row.requests.warm.join('/')}${row.focusInDialog ? '' : '   FOCUS NOT IN DIALOG'}`,
    );
  }
  for (const name of PAGES.slice(1)) {
    const { coldUrls = [], warmUrls = [] } = summary.rates[rate][name] ?? {};
    console.log(
      `  ${name}: a cold click's requests: ${coldUrls.join(', ') || 'none'}; warm: ${warmUrls.join(', ') || 'none'}`,
    );
  }
  for (const { page, baseline, label, key } of rate === 1 ? LOADERS : []) {
    const loader = results[`${page} ${rate}`]?.loader ?? [];
    summary.rates[rate][key] = { p50: percentile(loader, 50), p95: percentile(loader, 95) };
    const over = baseline === 'empty' ? 'an empty page' : 'the same page without it';
    console.log(
      `  ${label} main-thread time at page load over ${over} (${loader.length} pairs): p50 ${percentile(loader, 50).toFixed(2)} ms, p95 ${percentile(loader, 95).toFixed(2)} ms`,
    );
  }
}
console.log(
  '\ngoals: warm p95 ≤ 1.2× the floor; cold after intent ≤ 1.0× the floor’s cold; cold ≤ 1.5× the floor’s cold; loader ≤ 1 ms',
);
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ summary, results }, null, 1)}\n`);
