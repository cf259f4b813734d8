import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * docs/widget.md's two option tables against the code: the npm API's options (`OpenOptions`, which
 * `createCancelFlow` and `open()` take) row for row, and the script tag's attributes, which the loader
 * reads by spreading the script's `dataset` into those options (plus `data-ui`, the UI chunk's URL).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const page = read('docs/widget.md');

/** The first column's code of the table right after `header` (its header row). */
function firstColumn(header: string): string[] {
  const start = page.indexOf(header);
  expect(start, header).toBeGreaterThan(-1);
  const rows = [];
  for (const line of page.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(/^\| `([^`]+)`/.exec(line)?.[1] ?? line);
  }
  return rows;
}

const openOptions = (() => {
  const source = read('packages/widget/src/runner/contract.ts');
  const body = /export interface OpenOptions \{\n([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^ {2}readonly (\w+)\?: ([^;]+);/gm)].map((m) => ({
    name: m[1] as string,
    type: m[2] as string,
  }));
})();

describe('docs/widget.md: the options', () => {
  it('the Options table has a row for every OpenOptions member, and no other', () => {
    expect(openOptions.length).toBeGreaterThan(5);
    expect(firstColumn('| option          | meaning').sort()).toEqual(openOptions.map((o) => o.name).sort());
  });

  it('the script tag attributes are options the loader passes on (or data-ui), each named in OpenOptions', () => {
    const attributes = firstColumn('| attribute       | meaning');
    const kebab = (name: string) => `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    // An attribute's value is a string: only options a string can give are attributes (`nonce` too,
    // but it is not needed, so the attribute table leaves it out).
    const fromStrings = openOptions.filter((o) => /\bstring\b|\bnumber\b/.test(o.type) && o.name !== 'nonce');
    expect(attributes.sort()).toEqual([...fromStrings.map((o) => kebab(o.name)), 'data-ui'].sort());
    // The loader spreads the dataset of its tag (or of the newest copy's, handed over), and reads data-ui
    // itself: both are still what it does.
    const loader = read('packages/widget/src/loader/index.ts');
    expect(loader).toContain('...(api.t ?? script)?.dataset');
    expect(loader).toContain('dataset.ui');
  });
});
