// @ts-check
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { budgets, checkBudgets } from './size.mjs';

const dist = 'packages/widget/dist';

/**
 * A fake widget build: files of the given sizes (random bytes, so gzip cannot shrink them) and the
 * click-path manifest the real build writes.
 * @param {{ loader?: number, ui?: number, catalogs?: Record<string, number>, staticFlow?: number, manifest?: boolean }} sizes
 */
function fixture({ loader = 900, ui = 12_000, catalogs = { en: 1000 }, staticFlow = 500, manifest = true }) {
  const root = mkdtempSync(join(tmpdir(), 'cf-size-'));
  mkdirSync(join(root, dist, 'chunks'), { recursive: true });
  const write = (/** @type {string} */ file, /** @type {number} */ size) =>
    writeFileSync(join(root, dist, file), randomBytes(size));
  write('cancelflow.js', loader);
  write('cancelflow-ui.js', ui);
  write('chunks/memory.js', staticFlow);
  for (const [locale, size] of Object.entries(catalogs)) write(`chunks/${locale}.js`, size);
  if (manifest) {
    const path = {
      critical: ['cancelflow-ui.js'],
      staticFlow: ['chunks/memory.js'],
      catalogs: Object.fromEntries(Object.keys(catalogs).map((locale) => [locale, `chunks/${locale}.js`])),
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

  test('fails a click path over 20 KB gzip even when each file alone is small', () => {
    const root = fixture({ loader: 1000, ui: 18_500, catalogs: { en: 1200 } });
    const results = byName(checkBudgets(budgets(root), root));
    expect(results.loader?.ok).toBe(true);
    expect(results['click path (server)']?.ok).toBe(false);
  });

  test('counts the largest catalog, so every language fits', () => {
    const fits = fixture({ ui: 17_000, catalogs: { en: 1000, ar: 1500 } });
    const over = fixture({ ui: 17_000, catalogs: { en: 1000, ar: 2600 } });
    expect(byName(checkBudgets(budgets(fits), fits))['click path (server)']?.ok).toBe(true);
    expect(byName(checkBudgets(budgets(over), over))['click path (server)']?.ok).toBe(false);
  });

  test('reports the static-flow path over budget without failing on it', () => {
    const root = fixture({ ui: 17_000, staticFlow: 3000 });
    const results = byName(checkBudgets(budgets(root), root));
    expect(results['click path (static flow)']).toMatchObject({ ok: true });
    expect(results['click path (static flow)']?.problem).toMatch(/not enforced/);
  });

  test('fails, naming the file, when the widget was not built', () => {
    const root = fixture({ manifest: false });
    const [result] = checkBudgets(budgets(root), root);
    expect(result?.ok).toBe(false);
    expect(result?.problem).toContain('click-path.json');
  });
});
