// @ts-check
// The `packages` step of the test command: each publishable package, packed the way it is published
// (`pnpm pack`: publishConfig applied, workspace:* replaced by versions), must pass publint (files,
// exports and fields that resolve) and Are The Types Wrong (types that resolve for ESM users, under
// node16 and bundler resolution). Needs `pnpm build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'cancelflow-pack-'));

/** @param {string} command @param {string[]} args @param {string} cwd */
function run(command, args, cwd) {
  console.log(`$ ${command} ${args.join(' ')}   (in ${cwd.replace(repo, '') || '.'})`);
  return spawnSync(command, args, { cwd, stdio: 'inherit' }).status === 0;
}

const failures = [];
try {
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
    const packed =
      run('pnpm', ['pack', '--pack-destination', out], dir) &&
      readdirSync(out).find((file) => !before.has(file) && file.endsWith('.tgz'));
    if (!packed) {
      failures.push(`${pkg.name}: pnpm pack failed`);
      continue;
    }
    if (!run('publint', ['--strict'], dir)) failures.push(`${pkg.name}: publint`);
    // Exports that map straight to a file (the script-tag loader, the JSON Schema, package.json) are
    // assets to load or read, not modules to import with types.
    const assets = Object.entries(pkg.publishConfig?.exports ?? pkg.exports ?? {})
      .filter(([, target]) => typeof target === 'string')
      .map(([entry]) => entry);
    const exclude = assets.length ? ['--exclude-entrypoints', ...assets] : [];
    // The tarball first: --exclude-entrypoints takes every argument after it.
    if (!run('attw', [join(out, packed), '--profile', 'esm-only', '--format', 'table-flipped', ...exclude], dir)) {
      failures.push(`${pkg.name}: attw`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`\npackages: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('\npackages: every package packs, passes publint and resolves its types');
