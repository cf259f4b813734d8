// @ts-check
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// Every relative link in the README, the changelog, docs/ and the examples' READMEs leads to a file
// of the repository, and a `#fragment` to a heading of it (GitHub's ids: lower case, punctuation
// dropped, spaces to hyphens, `-1`… for repeats). A page renamed, or a heading reworded, otherwise
// leaves links that lead nowhere on GitHub, with nothing to notice it.
const root = fileURLToPath(new URL('..', import.meta.url));
const inFolder = (/** @type {string} */ folder, /** @type {(name: string) => string | undefined} */ pick) =>
  readdirSync(join(root, folder)).flatMap((name) => {
    const file = pick(name);
    return file !== undefined && existsSync(join(root, file)) ? [file] : [];
  });
const pages = [
  'README.md',
  'CHANGELOG.md',
  ...inFolder('docs', (name) => (name.endsWith('.md') ? `docs/${name}` : undefined)),
  ...inFolder('examples', (name) => `examples/${name}/README.md`),
];

/** A page's text without its code blocks, where a `#` starts a comment and `](` is code. */
const prose = (/** @type {string} */ file) => readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');

const slug = (/** @type {string} */ heading) =>
  heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

/** @type {Map<string, Set<string>>} */
const ids = new Map();
function headingIds(/** @type {string} */ file) {
  let found = ids.get(file);
  if (!found) {
    found = new Set();
    /** @type {Map<string, number>} */
    const seen = new Map();
    for (const [, heading] of prose(file).matchAll(/^#{1,6} (.+)$/gm)) {
      const id = slug(/** @type {string} */ (heading));
      const repeat = seen.get(id) ?? 0;
      seen.set(id, repeat + 1);
      found.add(repeat ? `${id}-${repeat}` : id);
    }
    ids.set(file, found);
  }
  return found;
}

test('every relative link in the docs leads to a file, and its #fragment to a heading', () => {
  expect(pages.length).toBeGreaterThan(15);
  const broken = [];
  let checked = 0;
  for (const page of pages) {
    for (const [, link] of prose(join(root, page)).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(/** @type {string} */ (link))) continue; // https:, mailto:
      const [path = '', fragment] = /** @type {string} */ (link).split('#');
      const target = path ? resolve(dirname(join(root, page)), path) : join(root, page);
      checked++;
      if (!existsSync(target)) broken.push(`${page}: ${link}: no file ${relative(root, target)}`);
      else if (fragment && target.endsWith('.md') && !headingIds(target).has(fragment))
        broken.push(`${page}: ${link}: no heading with the id "${fragment}" in ${relative(root, target)}`);
    }
  }
  expect(checked).toBeGreaterThan(200);
  expect(broken).toEqual([]);
});
