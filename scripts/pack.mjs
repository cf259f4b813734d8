// @ts-check
// Packs every publishable package the way it is published (`pnpm pack`: publishConfig applied,
// workspace:* replaced by versions), for the `packages` and `install` steps of the test command.
// Run directly (`pnpm tarballs [folder]`, after `pnpm build`), it packs them into `folder` (default
// `tarballs/`) for installing with npm before the packages are on the registry (docs/self-hosting.md);
// it refuses to when a package's built files are missing (checkBuilt).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a command, saying which; `quiet` keeps its output (npm pack lists every file) unless it fails.
 * @param {string} command @param {string[]} args @param {string} cwd
 */
export function run(command, args, cwd, quiet = false) {
  console.log(`$ ${command} ${args.join(' ')}   (in ${cwd.replace(repo, '') || '.'})`);
  const result = spawnSync(command, args, { cwd, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (quiet && result.status !== 0) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.status === 0;
}

/**
 * @typedef {{ name: string, dir: string, pkg: any, tarball?: string }} Packed
 * `tarball` is the packed file's path in `out`, absent when `pnpm pack` failed.
 */

/** @typedef {{ name: string, dir: string, pkg: any }} Publishable */

/** The packages that are published (not `private`), in name order. @returns {Publishable[]} */
export function publishable() {
  /** @type {Publishable[]} */
  const found = [];
  for (const name of readdirSync(join(repo, 'packages')).sort()) {
    const dir = join(repo, 'packages', name);
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (!pkg.private) found.push({ name: pkg.name, dir, pkg });
  }
  return found;
}

/**
 * The files a package's published package.json points at (publishConfig applied, as `pnpm pack`
 * does): `bin`, `main`, `module`, `types`/`typings` and every target in `exports`, relative to its
 * folder. A pattern target (`./dist/*.js`) stands for its folder (`dist/`).
 * @param {any} pkg @returns {string[]}
 */
export function entryFiles(pkg) {
  const published = { ...pkg, ...pkg.publishConfig };
  /** @type {Set<string>} */
  const files = new Set();
  /** @param {unknown} target */
  const add = (target) => {
    if (typeof target === 'string') {
      const file = target.replace(/^\.\//, '');
      files.add(file.includes('*') ? file.slice(0, file.lastIndexOf('/', file.indexOf('*')) + 1) : file);
    } else if (Array.isArray(target)) target.forEach(add);
    else if (target && typeof target === 'object') Object.values(target).forEach(add);
  };
  add(published.bin);
  for (const field of ['main', 'module', 'types', 'typings']) add(published[field]);
  add(published.exports);
  files.delete('');
  return [...files];
}

/** The newest file under `dir` (recursively), or undefined when there is none. @param {string} dir */
function newestFile(dir) {
  /** @type {{ file: string, mtime: number } | undefined} */
  let newest;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const mtime = statSync(file).mtimeMs;
    if (!newest || mtime > newest.mtime) newest = { file, mtime };
  }
  return newest;
}

/**
 * Whether the packages are built, before anything is packed: `pnpm pack` packs whatever is there, so
 * without `pnpm build` the tarballs would install without their dist/ (the CLI's bin then fails with
 * ERR_MODULE_NOT_FOUND). `refusal` names each package's missing files, and is undefined when every file
 * its package.json points at exists. `warnings`: packages whose sources (src/) changed after their
 * built entry files (dist/) were written: the tarballs would hold an older build than the sources.
 * @param {Publishable[]} packages
 * @returns {{ refusal?: string, warnings: string[] }}
 */
export function checkBuilt(packages) {
  const where = (/** @type {string} */ dir) => {
    const path = relative(repo, dir);
    return path && !path.startsWith('..') ? path : dir;
  };
  /** @type {string[]} */
  const missing = [];
  /** @type {string[]} */
  const warnings = [];
  for (const { name, dir, pkg } of packages) {
    const files = entryFiles(pkg);
    const absent = files.filter((file) => !existsSync(join(dir, file)));
    if (absent.length) {
      missing.push(`  ${name} (${where(dir)}): ${absent.join(', ')}`);
      continue;
    }
    const built = files
      .filter((file) => file.startsWith('dist/') && statSync(join(dir, file)).isFile())
      .map((file) => ({ file, mtime: statSync(join(dir, file)).mtimeMs }))
      .sort((a, b) => a.mtime - b.mtime)[0];
    const source = newestFile(join(dir, 'src'));
    if (built && source && source.mtime > built.mtime) {
      warnings.push(
        `${name}: ${where(source.file)} changed after ${where(join(dir, built.file))} was built; ` +
          'run `pnpm build` to pack the current sources',
      );
    }
  }
  if (!missing.length) return { warnings };
  return {
    refusal:
      `not built: files these packages' package.json points at are missing, and their tarballs would lack them:\n` +
      `${missing.join('\n')}\nRun \`pnpm build\` first, then \`pnpm tarballs\` again.`,
    warnings,
  };
}

/** @param {string} out @returns {Packed[]} */
export function packAll(out) {
  /** @type {Packed[]} */
  const packed = [];
  for (const { dir, pkg } of publishable()) {
    // pnpm's name for it (@scope/name → scope-name-version.tgz), removed first: packing again into
    // the same folder overwrites last time's, which must not count as this time's.
    const tarball = join(out, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
    rmSync(tarball, { force: true });
    const made = run('pnpm', ['pack', '--pack-destination', out], dir, true) && existsSync(tarball);
    packed.push({ name: pkg.name, dir, pkg, ...(made ? { tarball } : {}) });
  }
  return packed;
}

/**
 * The `npm install` lines `pnpm tarballs` prints: each package with every @cancelflow package it depends
 * on, since npm looks for one on the registry (404 before the first release) unless its tarball is in the
 * same install.
 * @param {(name: string) => string} file the tarball of a package, by name
 */
export function installLines(file) {
  const line = (/** @type {string} */ label, /** @type {string[]} */ names) =>
    `  ${label.padEnd(20)} npm install ${names.map((n) => file(`@cancelflow/${n}`)).join(' ')}`;
  return [
    'Install a package with the @cancelflow packages it depends on, e.g.',
    line('the widget:', ['core', 'widget']),
    line('React:', ['core', 'widget', 'react']),
    line('the server and CLI:', ['core', 'widget', 'dashboard', 'server', 'cli']),
  ];
}

/**
 * The same for pnpm, which `pnpm tarballs` prints after them. Given the tarballs on one command line,
 * pnpm still asks the registry for the @cancelflow packages they depend on (404 before the first
 * release: `pnpm add core.tgz widget.tgz` fails on @cancelflow/core), so the project's
 * pnpm-workspace.yaml overrides every @cancelflow package with its tarball, and `pnpm add` names only
 * the ones the project uses.
 * @param {string[]} names every published package's name
 * @param {(name: string) => string} file the tarball of a package, by name
 */
export function pnpmLines(names, file) {
  return [
    "With pnpm, first add these lines to your project's pnpm-workspace.yaml (pnpm looks for the",
    '@cancelflow packages a tarball depends on in the registry, not among the tarballs given):',
    'overrides:',
    ...names.map((name) => `  "${name}": "file:${file(name)}"`),
    `then e.g. the widget:  pnpm add ${file('@cancelflow/widget')}`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { refusal, warnings } = checkBuilt(publishable());
  if (refusal) {
    console.error(`tarballs: ${refusal}`);
    process.exit(1);
  }
  for (const warning of warnings) console.warn(`tarballs: warning: ${warning}`);
  const out = resolve(process.argv[2] ?? 'tarballs');
  mkdirSync(out, { recursive: true });
  const packed = packAll(out);
  const failed = packed.filter((p) => !p.tarball).map((p) => p.name);
  if (failed.length > 0) {
    console.error(`tarballs: pnpm pack failed for ${failed.join(', ')} (run pnpm build first)`);
    process.exit(1);
  }
  const file = (/** @type {string} */ name) => String(packed.find((p) => p.name === name)?.tarball);
  console.log(`\n${installLines(file).join('\n')}`);
  const names = packed.map((p) => p.name);
  console.log(`\n${pnpmLines(names, file).join('\n')}`);
}
