// @ts-check
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkBuilt, entryFiles, installLines, pnpmLines } from './pack.mjs';

const folders = /** @type {string[]} */ ([]);
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A package.json like the CLI's: a bin, and exports to dist/ (published) and src/ (in the repository). */
const pkg = {
  name: '@cancelflow/fixture',
  version: '0.1.0',
  bin: { fixture: './bin/fixture.js' },
  exports: { '.': { source: './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
  publishConfig: { exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } },
};

/** A package folder holding package.json and `files` (its sources, and its build when it has one). */
function fixture(/** @type {string[]} */ files) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-pack-'));
  folders.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return { name: pkg.name, dir, pkg };
}

describe('pnpm tarballs: the build check', () => {
  test('refuses a package without its dist/, naming the package, the missing files and `pnpm build`', () => {
    const unbuilt = fixture(['bin/fixture.js', 'src/index.ts']);
    const { refusal } = checkBuilt([unbuilt]);
    expect(refusal).toContain(`@cancelflow/fixture (${unbuilt.dir}): dist/index.d.ts, dist/index.js`);
    expect(refusal).toContain('Run `pnpm build` first');
    expect(refusal).not.toContain('bin/fixture.js'); // it is there
  });

  test('passes a built package, and warns when a source changed after the build', () => {
    const built = fixture(['bin/fixture.js', 'src/index.ts', 'dist/index.js', 'dist/index.d.ts']);
    expect(checkBuilt([built])).toEqual({ warnings: [] });

    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(built.dir, 'dist/index.js'), anHourAgo, anHourAgo);
    const { refusal, warnings } = checkBuilt([built]);
    expect(refusal).toBeUndefined();
    expect(warnings).toEqual([
      `@cancelflow/fixture: ${join(built.dir, 'src/index.ts')} changed after ${join(built.dir, 'dist/index.js')} was built; run \`pnpm build\` to pack the current sources`,
    ]);
  });

  test('checks what is published: publishConfig wins, a pattern stands for its folder', () => {
    expect(
      entryFiles({
        main: './src/main.ts',
        types: 'dist/main.d.ts',
        exports: { './parts/*': './dist/parts/*.js', './gone': null, './list': ['./dist/a.js'] },
        publishConfig: { main: './dist/main.js' },
      }),
    ).toEqual(['dist/main.js', 'dist/main.d.ts', 'dist/parts/', 'dist/a.js']);
  });
});

describe('pnpm tarballs: the install lines', () => {
  test('name every @cancelflow package each one needs, React included', () => {
    const lines = installLines((name) => `/t/${name.replace('@cancelflow/', 'cancelflow-')}.tgz`);
    const line = (/** @type {string} */ label) => lines.find((l) => l.trimStart().startsWith(label));
    expect(line('the widget:')).toMatch(/npm install \/t\/cancelflow-core\.tgz \/t\/cancelflow-widget\.tgz$/);
    expect(line('React:')).toMatch(
      /npm install \/t\/cancelflow-core\.tgz \/t\/cancelflow-widget\.tgz \/t\/cancelflow-react\.tgz$/,
    );
    expect(line('the server and CLI:')).toMatch(/cancelflow-server\.tgz \/t\/cancelflow-cli\.tgz$/);
  });
});

describe('pnpm tarballs: the pnpm recipe', () => {
  test('overrides every @cancelflow package with its tarball, then adds the widget alone', () => {
    const names = ['@cancelflow/core', '@cancelflow/widget', '@cancelflow/react'];
    const lines = pnpmLines(names, (name) => `/t/${name.replace('@cancelflow/', 'cancelflow-')}.tgz`);
    const start = lines.indexOf('overrides:');
    expect(lines.slice(start, start + 4)).toEqual([
      'overrides:',
      '  "@cancelflow/core": "file:/t/cancelflow-core.tgz"',
      '  "@cancelflow/widget": "file:/t/cancelflow-widget.tgz"',
      '  "@cancelflow/react": "file:/t/cancelflow-react.tgz"',
    ]);
    expect(lines.at(-1)).toMatch(/pnpm add \/t\/cancelflow-widget\.tgz$/);
  });
});
