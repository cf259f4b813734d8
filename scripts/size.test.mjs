// @ts-check
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUDGETS, checkBudgets } from './size.mjs';

/** Writes files of the given sizes (random bytes, so gzip cannot shrink them) into a temp folder. */
function fixture(/** @type {Record<string, number>} */ sizes) {
  const root = mkdtempSync(join(tmpdir(), 'cf-size-'));
  for (const [file, size] of Object.entries(sizes)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), randomBytes(size));
  }
  return root;
}

const loader = 'packages/widget/dist/cancelflow.js';
const ui = 'packages/widget/dist/cancelflow-ui.js';

describe('size check', () => {
  test('passes bundles under their hard limits', () => {
    const results = checkBudgets(BUDGETS, fixture({ [loader]: 900, [ui]: 12_000 }));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  test('fails a loader over 1.5 KB gzip', () => {
    const [loaderBudget] = checkBudgets(BUDGETS, fixture({ [loader]: 1700, [ui]: 1000 }));
    expect(loaderBudget?.ok).toBe(false);
    expect(loaderBudget?.problem).toMatch(/over the hard limit by \d+ B/);
  });

  test('fails a click path over 20 KB gzip even when each file alone is small', () => {
    const results = checkBudgets(BUDGETS, fixture({ [loader]: 1000, [ui]: 20_000 }));
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });

  test('fails, naming the file, when a bundle was not built', () => {
    const [loaderBudget] = checkBudgets(BUDGETS, fixture({}));
    expect(loaderBudget?.ok).toBe(false);
    expect(loaderBudget?.problem).toContain('cancelflow.js');
  });
});
