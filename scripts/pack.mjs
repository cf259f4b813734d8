// @ts-check
// Packs every publishable package the way it is published (`pnpm pack`: publishConfig applied,
// workspace:* replaced by versions), for the `packages` and `install` steps of the test command.
// Run directly (`pnpm tarballs [folder]`, after `pnpm build`), it packs them into `folder` (default
// `tarballs/`) for installing with npm before the packages are on the registry (docs/self-hosting.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** @param {string} out @returns {Packed[]} */
export function packAll(out) {
  /** @type {Packed[]} */
  const packed = [];
  for (const name of readdirSync(join(repo, 'packages')).sort()) {
    const dir = join(repo, 'packages', name);
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (pkg.private) continue;
    // pnpm's name for it (@scope/name → scope-name-version.tgz), removed first: packing again into
    // the same folder overwrites last time's, which must not count as this time's.
    const tarball = join(out, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
    rmSync(tarball, { force: true });
    const made = run('pnpm', ['pack', '--pack-destination', out], dir, true) && existsSync(tarball);
    packed.push({ name: pkg.name, dir, pkg, ...(made ? { tarball } : {}) });
  }
  return packed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? 'tarballs');
  mkdirSync(out, { recursive: true });
  const packed = packAll(out);
  const failed = packed.filter((p) => !p.tarball).map((p) => p.name);
  if (failed.length > 0) {
    console.error(`tarballs: pnpm pack failed for ${failed.join(', ')} (run pnpm build first)`);
    process.exit(1);
  }
  const file = (/** @type {string} */ name) => String(packed.find((p) => p.name === name)?.tarball);
  // npm looks for a @cancelflow dependency on the registry unless its tarball is in the same install.
  console.log('\nInstall a package with the @cancelflow packages it depends on, e.g.');
  console.log(
    `  the widget:          npm install ${['core', 'widget'].map((n) => file(`@cancelflow/${n}`)).join(' ')}`,
  );
  console.log(
    `  the server and CLI:  npm install ${['core', 'widget', 'dashboard', 'server', 'cli'].map((n) => file(`@cancelflow/${n}`)).join(' ')}`,
  );
}
