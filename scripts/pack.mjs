// @ts-check
// Packs every publishable package the way it is published (`pnpm pack`: publishConfig applied,
// workspace:* replaced by versions), for the `packages` and `install` steps of the test command.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} command @param {string[]} args @param {string} cwd */
export function run(command, args, cwd) {
  console.log(`$ ${command} ${args.join(' ')}   (in ${cwd.replace(repo, '') || '.'})`);
  return spawnSync(command, args, { cwd, stdio: 'inherit' }).status === 0;
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
    const before = new Set(readdirSync(out));
    const file =
      run('pnpm', ['pack', '--pack-destination', out], dir) &&
      readdirSync(out).find((f) => !before.has(f) && f.endsWith('.tgz'));
    packed.push({ name: pkg.name, dir, pkg, ...(file ? { tarball: join(out, file) } : {}) });
  }
  return packed;
}
