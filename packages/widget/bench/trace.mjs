// @ts-check
// Where a warm click's time goes, by its position after the page load (docs/benchmarks.md): each
// page is loaded `loads` times in a fresh context, clicked once, then `warm` more times (closing with
// Escape in between), and each click is traced alone (Chromium's trace events, main thread). The
// report covers each click's window (its event to the first task after the frame that shows the
// dialog, as the benchmark times it): the main thread's self time by kind of trace event — script,
// compile, style, layout, paint, GC, other, and idle (waiting for the frame) — for each click
// position, averaged over the loads; then the trace events and sampled JS functions that differ most
// between the early warm clicks and the late ones. Timing only, never in tests. Usage: node packages/widget/bench/trace.mjs [loads=6] [warm=20] [--rate 1] [--pages floor,server] [--json file]
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { startPages } from './pages.mjs';
import { probe } from './probe.mjs';

const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const at = args.indexOf(name);
  return (at >= 0 ? args.splice(at, 2)[1] : undefined) ?? fallback;
};
const rate = Number(option('--rate', '1'));
const jsonFile = option('--json', '');
const only = option('--pages', 'floor,static,server').split(',');
const loads = Number(args[0] ?? 6);
const warm = Number(args[1] ?? 20);

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'disabled-by-default-v8.gc',
  'blink',
  'cc',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

/** What an event's self time counts as. */
function kind(/** @type {string} */ name) {
  if (/compile|parse|Lazy|Deserialize|Sparkplug|Maglev|Turbofan|Optimize/i.test(name)) return 'compile';
  if (/GC|Scavenge|Mark|Sweep|Heap/i.test(name)) return 'gc';
  if (/UpdateLayoutTree|RecalcStyle|updateStyle|StyleRecalc|ParseAuthorStyleSheet|CSS|Style/i.test(name))
    return 'style';
  if (/Layout|layout/.test(name)) return 'layout';
  if (/Paint|Composit|Layerize|Commit|Raster|PrePaint|Frame|Animation|Update.*Layer/i.test(name)) return 'paint';
  if (
    /FunctionCall|EvaluateScript|v8\.run|V8\.Execute|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|v8\.callFunction|RunTask|Microtask|HandlePostMessage|Callback/i.test(
      name,
    )
  )
    return 'script';
  return 'other';
}

/**
 * Self time (ms) by kind and by name of the main thread's events within the click's window (from the
 * probe's `cf:click` mark to its `cf:painted` mark): each 10 µs of the window goes to the innermost
 * event open then, or to "idle" when none is (the main thread waiting for the frame).
 */
function selfTimes(/** @type {any[]} */ events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mark = (/** @type {string} */ name) => events.find((e) => e.name === name)?.ts;
  const [from, to] = [mark('cf:click'), mark('cf:painted')];
  if (!main || from === undefined || to === undefined) throw new Error('trace: no main thread or marks');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  /** @type {{ name: string, start: number, end: number }[]} */
  const spans = [];
  /** @type {any[]} */
  const open = [];
  for (const e of onMain.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') spans.push({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin) spans.push({ name: begin.name, start: begin.ts, end: e.ts });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const TICK = 10;
  /** @type {(string | undefined)[]} */
  const owner = new Array(Math.ceil((to - from) / TICK));
  for (const span of spans) {
    const first = Math.max(0, Math.floor((span.start - from) / TICK));
    const last = Math.min(owner.length, Math.ceil((span.end - from) / TICK));
    for (let i = first; i < last; i++) owner[i] = span.name;
  }
  /** @type {Record<string, number>} */
  const byKind = {};
  /** @type {Record<string, number>} */
  const byName = {};
  for (const name of owner) {
    const k = name === undefined ? 'idle' : kind(name);
    byKind[k] = (byKind[k] ?? 0) + TICK / 1000;
    if (name !== undefined) byName[name] = (byName[name] ?? 0) + TICK / 1000;
  }
  return { byKind, byName, window: (to - from) / 1000, js: jsSamples(events, from, to) };
}

/**
 * The JS functions sampled within the window (V8's sampling profiler, in the trace): ms by
 * `name file:line`, each sample counting for the time to the next.
 */
function jsSamples(/** @type {any[]} */ events, /** @type {number} */ from, /** @type {number} */ to) {
  /** @type {Map<number, string>} */
  const names = new Map();
  /** @type {Record<string, number>} */
  const byFunction = {};
  const profile = events.find((e) => e.name === 'Profile');
  let ts = profile?.args?.data?.startTime ?? 0;
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile?.id)) {
    const { cpuProfile = {}, timeDeltas = [] } = chunk.args.data;
    for (const node of cpuProfile.nodes ?? []) {
      const f = node.callFrame;
      names.set(
        node.id,
        `${f.functionName || '(anonymous)'} ${String(f.url ?? '')
          .split('/')
          .pop()}:${f.lineNumber}:${f.columnNumber}`,
      );
    }
    (cpuProfile.samples ?? []).forEach((/** @type {number} */ id, /** @type {number} */ i) => {
      ts += timeDeltas[i] ?? 0;
      const next = ts + (timeDeltas[i + 1] ?? 0);
      const overlap = Math.min(next, to) - Math.max(ts, from);
      const name = names.get(id) ?? '?';
      if (overlap > 0 && !name.startsWith('(idle)')) byFunction[name] = (byFunction[name] ?? 0) + overlap / 1000;
    });
  }
  return byFunction;
}

/** Marks the click (after the probe's listener) and the probe's painted moment, for the trace. */
function marks() {
  addEventListener('click', (event) => event.isTrusted && performance.mark('cf:click'), true);
  const w = /** @type {any} */ (window);
  const push = w.bench.clicks.push.bind(w.bench.clicks);
  w.bench.clicks.push = (/** @type {any} */ click) => {
    performance.mark('cf:painted');
    return push(click);
  };
}

const pages = await startPages();
const browser = await chromium.launch(chromiumLaunchOptions);
/** @typedef {{ ms: number, window: number, byKind: Record<string, number>, byName: Record<string, number>, js: Record<string, number> }} Click */
/** @type {Record<string, Click[][]>} */
const results = {};
const load1 = () => (loadavg()[0] ?? 0).toFixed(2);
const loadAtStart = load1();
for (let load = 0; load < loads; load++) {
  for (const name of only) {
    const context = await browser.newContext();
    await context.addInitScript(probe);
    await context.addInitScript(marks);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(`${pages.base}/${name}.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const w = /** @type {any} */ (window);
      return typeof w.cancelflow?.version === 'string' || document.querySelector('floor-modal');
    });
    const box = await page.locator('#cancel').boundingBox();
    if (!box) throw new Error('trace: no trigger on the page');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    for (let i = 0; i <= warm; i++) {
      if (i > 0) {
        await page.keyboard.press('Escape');
        await page.waitForFunction((n) => /** @type {any} */ (window).bench.closes >= n, i);
      }
      /** @type {any[]} */
      const events = [];
      const collect = (/** @type {{ value: any[] }} */ data) => events.push(...data.value);
      cdp.on('Tracing.dataCollected', collect);
      await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
      await page.mouse.click(x, y);
      await page.waitForFunction((n) => /** @type {any} */ (window).bench.clicks.length > n, i, { timeout: 20_000 });
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      cdp.off('Tracing.dataCollected', collect);
      const click = await page.evaluate((n) => /** @type {any} */ (window).bench.clicks[n], i);
      results[name] ??= [];
      const byPosition = results[name];
      const atPosition = byPosition[i] ?? [];
      atPosition.push({ ms: click.ms, ...selfTimes(events) });
      byPosition[i] = atPosition;
    }
    await context.close();
  }
  process.stderr.write(`load ${load + 1}/${loads} done\n`);
}
await browser.close();
await pages.close();

const KINDS = ['script', 'compile', 'style', 'layout', 'paint', 'gc', 'other', 'idle'];
const mean = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `trace: ${loads} loads × ${warm} warm clicks, CPU ${rate}×, ${cpus().length} cores, load ${loadAtStart} → ${load1()}`,
);
for (const name of only) {
  console.log(`\n${name}: mean ms by click position (0 = cold), main-thread self time by kind`);
  console.log(
    `${'pos'.padEnd(5)}${'click'.padStart(7)}${'window'.padStart(8)}${KINDS.map((k) => k.padStart(9)).join('')}`,
  );
  for (const [position, clicks] of (results[name] ?? []).entries()) {
    console.log(
      `${String(position).padEnd(5)}${mean(clicks.map((c) => c.ms))
        .toFixed(1)
        .padStart(7)}${mean(clicks.map((c) => c.window))
        .toFixed(1)
        .padStart(8)}${KINDS.map((k) =>
        mean(clicks.map((c) => c.byKind[k] ?? 0))
          .toFixed(2)
          .padStart(9),
      ).join('')}`,
    );
  }
  // The events (and JS functions sampled) whose time differs most between the early warm clicks (1–5)
  // and the late ones (12+), and the largest overall.
  const group = (/** @type {number} */ from, /** @type {number} */ to, /** @type {'byName' | 'js'} */ key) => {
    /** @type {Record<string, number>} */
    const sum = {};
    const clicks = (results[name] ?? []).slice(from, to).flat();
    for (const c of clicks) for (const [n, v] of Object.entries(c[key])) sum[n] = (sum[n] ?? 0) + v / clicks.length;
    return sum;
  };
  for (const [key, label] of /** @type {const} */ ([
    ['byName', 'trace events, self'],
    ['js', 'sampled functions'],
  ])) {
    const early = group(1, 6, key);
    const late = group(12, warm + 1, key);
    const rows = [...new Set([...Object.keys(early), ...Object.keys(late)])].map((n) => ({
      n,
      early: early[n] ?? 0,
      late: late[n] ?? 0,
    }));
    const differing = [...rows].sort((a, b) => b.early - b.late - (a.early - a.late)).slice(0, 10);
    const largest = [...rows].sort((a, b) => b.late - a.late).slice(0, 10);
    const top = new Set([...differing, ...largest]);
    console.log(`  ${label}, mean ms in the window, early (1–5) / late (12+):`);
    for (const { n, early: e, late: l } of top)
      console.log(`    ${n.slice(0, 60).padEnd(62)}${e.toFixed(2).padStart(7)}${l.toFixed(2).padStart(7)}`);
  }
}
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(results)}\n`);
