// @ts-check
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { budgets, checkBudgets, dashboardBudgets, splitOffTheUi } from './size.mjs';

const dist = 'packages/widget/dist';

/**
 * A fake widget build: files of the given sizes (random bytes, so gzip cannot shrink them) and the
 * click-path manifest the real build writes. `catalogs` are the first screen's strings per locale;
 * each locale's confirm and later parts are `confirmStrings` and `laterStrings` bytes.
 * @param {{ loader?: number, ui?: number, catalogs?: Record<string, number>, confirmStrings?: number, laterStrings?: number, steps?: Record<string, number>, stepParts?: Record<string, string[]>, staticFlow?: number, serverMode?: number, formats?: number, manifest?: boolean }} sizes
 */
function fixture({
  loader = 900,
  ui = 12_000,
  catalogs = { en: 1000 },
  confirmStrings = 500,
  laterStrings = 1500,
  steps = { confirm: 1000, offer: 3000, done: 5000 },
  staticFlow = 500,
  serverMode = 400,
  formats = 300,
  stepParts,
  manifest = true,
}) {
  const root = mkdtempSync(join(tmpdir(), 'cf-size-'));
  mkdirSync(join(root, dist, 'chunks'), { recursive: true });
  const write = (/** @type {string} */ file, /** @type {number} */ size) =>
    writeFileSync(join(root, dist, file), randomBytes(size));
  write('cancelflow.js', loader);
  write('cancelflow-ui.js', ui);
  write('chunks/memory.js', staticFlow);
  write('chunks/server-mode.js', serverMode);
  write('chunks/formats.js', formats);
  const locales = Object.keys(catalogs);
  for (const [locale, size] of Object.entries(catalogs)) {
    write(`chunks/${locale}.js`, size);
    write(`chunks/${locale}-confirm.js`, confirmStrings);
    write(`chunks/${locale}-later.js`, laterStrings);
  }
  for (const [type, size] of Object.entries(steps)) write(`chunks/${type}.js`, size);
  if (manifest) {
    const files = (/** @type {string} */ suffix) =>
      Object.fromEntries(locales.map((locale) => [locale, `chunks/${locale}${suffix}.js`]));
    const path = {
      critical: ['cancelflow-ui.js'],
      staticFlow: ['chunks/memory.js'],
      serverMode: ['chunks/server-mode.js'],
      formats: ['chunks/formats.js'],
      catalogs: { opening: files(''), confirm: files('-confirm'), later: files('-later') },
      steps: Object.fromEntries(Object.keys(steps).map((type) => [type, [`chunks/${type}.js`]])),
      ...(stepParts && { stepParts }),
      deferred: [],
      modules: {},
    };
    writeFileSync(join(root, dist, 'click-path.json'), JSON.stringify(path));
  }
  return root;
}

const byName = (/** @type {ReturnType<typeof checkBudgets>} */ results) =>
  Object.fromEntries(results.map((r) => [r.name, r]));

describe('size check', () => {
  test('passes bundles under their hard limits', () => {
    const root = fixture({});
    expect(checkBudgets(budgets(root), root).every((r) => r.ok)).toBe(true);
  });

  test('fails a loader over 1.5 KB gzip', () => {
    const root = fixture({ loader: 1700 });
    const { loader } = byName(checkBudgets(budgets(root), root));
    expect(loader?.ok).toBe(false);
    expect(loader?.problem).toMatch(/over the hard limit by \d+ B/);
  });

  test('fails a server click path over 15 KB gzip even when each file alone is small; static mode has 20 KB', () => {
    const root = fixture({ loader: 1000, ui: 14_000, catalogs: { en: 1200 } });
    const results = byName(checkBudgets(budgets(root), root));
    expect(results.loader?.ok).toBe(true);
    expect(results['click path (server)']).toMatchObject({ ok: false, limit: 15_360 });
    expect(results['click path (static flow)']).toMatchObject({ ok: true, limit: 20_480 });
  });

  test('counts the largest catalog, so every language fits', () => {
    const fits = fixture({ ui: 12_000, catalogs: { en: 1000, ar: 1500 } });
    const over = fixture({ ui: 12_000, catalogs: { en: 1000, ar: 2600 } });
    expect(byName(checkBudgets(budgets(fits), fits))['click path (server)']?.ok).toBe(true);
    expect(byName(checkBudgets(budgets(over), over))['click path (server)']?.ok).toBe(false);
  });

  test("fails a flow that opens on its confirm step over 20 KB with that step's code and strings", () => {
    const fits = fixture({ ui: 12_000, steps: { confirm: 1500 }, confirmStrings: 800 });
    const over = fixture({ ui: 12_000, steps: { confirm: 7500 }, confirmStrings: 800 });
    const confirmFirst = (/** @type {string} */ root) =>
      byName(checkBudgets(budgets(root), root))['click path (server, confirm first)'];
    expect(confirmFirst(fits)).toMatchObject({ ok: true, gzip: expect.any(Number) });
    expect(confirmFirst(over)?.ok).toBe(false);
    expect(byName(checkBudgets(budgets(over), over))['click path (server)']?.ok).toBe(true);
  });

  test('fails a flow that opens on an offer over 20 KB, counting the catalog parts that step shows, never the done step', () => {
    const stepParts = {
      offer: ['later'],
      feedback: ['later'],
      confirm: ['confirm'],
      done: ['confirm', 'offer', 'later'],
    };
    const fits = fixture({ ui: 13_000, steps: { offer: 2000, feedback: 1000, done: 9000 }, stepParts });
    const over = fixture({ ui: 13_000, steps: { offer: 4500, feedback: 1000, done: 9000 }, stepParts });
    const offerFirst = (/** @type {string} */ root) =>
      byName(checkBudgets(budgets(root), root))['click path (server, offer first)'];
    expect(offerFirst(fits)).toMatchObject({ ok: true });
    expect(offerFirst(fits)?.files).toContain(`${dist}/chunks/offer.js`);
    expect(offerFirst(fits)?.files).toContain(`${dist}/chunks/en-later.js`);
    expect(offerFirst(fits)?.files).not.toContain(`${dist}/chunks/en-confirm.js`);
    expect(offerFirst(fits)?.files).not.toContain(`${dist}/chunks/done.js`);
    expect(offerFirst(over)).toMatchObject({ ok: false });
    // A manifest without stepParts (an older build) counts every part.
    const older = fixture({ ui: 13_000, steps: { offer: 2000 } });
    expect(offerFirst(older)?.files).toContain(`${dist}/chunks/en-confirm.js`);
  });

  test("fails the static-flow path over the hard limit; it counts the static code, not the server's", () => {
    const root = fixture({ ui: 17_000, staticFlow: 3000, serverMode: 2500 });
    const results = byName(checkBudgets(budgets(root), root));
    expect(results['click path (static flow)']).toMatchObject({ ok: false });
    expect(results['click path (static flow)']?.files).not.toContain(`${dist}/chunks/server-mode.js`);
    expect(results['click path (server)']?.files).toContain(`${dist}/chunks/server-mode.js`);
    expect(results['click path (server)']?.files).not.toContain(`${dist}/chunks/memory.js`);
  });

  test('counts a static flow that opens on another step with the static code and that step, never the server code', () => {
    const root = fixture({});
    const results = byName(checkBudgets(budgets(root), root));
    for (const name of ['click path (static, confirm first)', 'click path (static, offer first)']) {
      expect(results[name]?.files).toContain(`${dist}/chunks/memory.js`);
      expect(results[name]?.files).not.toContain(`${dist}/chunks/server-mode.js`);
    }
    expect(results['click path (static, confirm first)']?.files).toContain(`${dist}/chunks/confirm.js`);
    expect(results['click path (static, offer first)']?.files).toContain(`${dist}/chunks/offer.js`);
  });

  test('counts the formats of amounts and dates on every path that opens on another step than the survey', () => {
    const root = fixture({});
    const results = byName(checkBudgets(budgets(root), root));
    expect(results['click path (server)']?.files).not.toContain(`${dist}/chunks/formats.js`);
    expect(results['click path (server, confirm first)']?.files).toContain(`${dist}/chunks/formats.js`);
    expect(results['click path (server, offer first)']?.files).toContain(`${dist}/chunks/formats.js`);
  });

  test('names a chunk split off the UI chunk (one more round trip on a cold click)', () => {
    const root = fixture({});
    expect(splitOffTheUi(root)).toEqual([]);
    const manifest = join(root, dist, 'click-path.json');
    const path = JSON.parse(readFileSync(manifest, 'utf8'));
    writeFileSync(manifest, JSON.stringify({ ...path, critical: [...path.critical, 'chunks/jsx-runtime.js'] }));
    expect(splitOffTheUi(root)).toEqual(['chunks/jsx-runtime.js']);
  });

  test('fails, naming the file, when the widget was not built', () => {
    const root = fixture({ manifest: false });
    const [result] = checkBudgets(budgets(root), root);
    expect(result?.ok).toBe(false);
    expect(result?.problem).toContain('click-path.json');
  });

  test("the dashboard's flow editor chunk has a hard limit of 160 KB; a missing build fails", () => {
    const editor = (/** @type {number} */ size) => {
      const root = mkdtempSync(join(tmpdir(), 'cf-size-'));
      mkdirSync(join(root, 'packages/dashboard/dist/assets'), { recursive: true });
      writeFileSync(join(root, 'packages/dashboard/dist/assets/FlowView-Ab_1.js'), randomBytes(size));
      writeFileSync(join(root, 'packages/dashboard/dist/assets/search-Cd2.js'), randomBytes(50_000));
      return checkBudgets(dashboardBudgets(root), root)[0];
    };
    expect(editor(150_000)).toMatchObject({ ok: true, files: ['packages/dashboard/dist/assets/FlowView-Ab_1.js'] });
    expect(editor(170_000)?.ok).toBe(false);
    const none = mkdtempSync(join(tmpdir(), 'cf-size-'));
    expect(checkBudgets(dashboardBudgets(none), none)[0]?.problem).toMatch(/^missing .*FlowView-<hash>\.js/);
  });
});
