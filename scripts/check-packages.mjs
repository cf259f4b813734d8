// @ts-check
// The `packages` step of the test command: each publishable package, packed the way it is published
// (`pnpm pack`: publishConfig applied, workspace:* replaced by versions), must pass publint (files,
// exports and fields that resolve) and Are The Types Wrong (types that resolve for ESM users, under
// node16 and bundler resolution). Needs `pnpm build` first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll, run } from './pack.mjs';

const out = mkdtempSync(join(tmpdir(), 'cancelflow-pack-'));

const failures = [];
try {
  for (const { name, dir, pkg, tarball } of packAll(out)) {
    if (!tarball) {
      failures.push(`${name}: pnpm pack failed`);
      continue;
    }
    if (!run('publint', ['--strict'], dir)) failures.push(`${name}: publint`);
    // Exports that map straight to a file (the script-tag loader, the JSON Schema, package.json) are
    // assets to load or read, not modules to import with types.
    const assets = Object.entries(pkg.publishConfig?.exports ?? pkg.exports ?? {})
      .filter(([, target]) => typeof target === 'string')
      .map(([entry]) => entry);
    const exclude = assets.length ? ['--exclude-entrypoints', ...assets] : [];
    // The tarball first: --exclude-entrypoints takes every argument after it.
    if (!run('attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped', ...exclude], dir)) {
      failures.push(`${name}: attw`);
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
