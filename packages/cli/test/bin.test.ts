import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('../../../', import.meta.url).pathname;
const bin = join(repo, 'packages/cli/bin/cancelflow.js');
const tsc = join(repo, 'node_modules/.bin/tsc');

// The real binary runs on built code: core's dist (what Node resolves @cancelflow/core to) and the CLI's.
beforeAll(() => {
  for (const project of ['packages/core/tsconfig.build.json', 'packages/cli/tsconfig.build.json'])
    execFileSync(tsc, ['-p', join(repo, project)], { stdio: 'pipe' });
}, 120_000);

describe('the cancelflow binary', () => {
  it('validates files with the documented exit codes and output format', () => {
    const valid = spawnSync(process.execPath, [bin, 'validate', join(repo, 'examples/flows/saas.json')], {
      encoding: 'utf8',
    });
    expect(valid.status).toBe(0);
    expect(valid.stderr).toBe('1 file valid\n');

    const fixture = join(repo, 'packages/core/test/fixtures/meaning/next-loop.json');
    const invalid = spawnSync(process.execPath, [bin, 'validate', fixture], { encoding: 'utf8' });
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toBe(
      `${fixture}:41:15 steps[1].next points back to steps[0] ("why"), which makes a loop; next may only point forward\n`,
    );

    const usage = spawnSync(process.execPath, [bin, 'validate'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('validate loads no database driver (only serve and demo need the server)', () => {
    const script = `
      import { createRequire } from 'node:module';
      const { main } = await import(${JSON.stringify(join(repo, 'packages/cli/dist/index.js'))});
      const code = await main(['validate', ${JSON.stringify(join(repo, 'examples/flows/saas.json'))}]);
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ code, drivers: loaded.filter((f) => /better-sqlite3|[\\/]pg[\\/]/.test(f)) }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: repo });
    expect(JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}')).toEqual({ code: 0, drivers: [] });
  });

  // The machine's own Node.js, when it is older than the CLI needs (CI's fresh machines have Node 20).
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
    if (!version) return false;
    const [major = 0, minor = 0] = version.split('.').map(Number);
    return major < 22 || (major === 22 && minor < 12);
  });
  it.runIf(oldNode)('on an older Node.js, exits 1 with a message naming the version it needs (no crash)', () => {
    for (const args of [['validate', join(repo, 'examples/flows/saas.json')], ['demo']]) {
      const run = spawnSync(oldNode as string, [bin, ...args], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /^cancelflow needs Node\.js 22\.12 or newer \(24 recommended\); this is Node\.js v\d+/,
      );
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
      // An npm install has no .nvmrc: the advice must hold there too.
      expect(run.stderr).toMatch(/`nvm install 24`\), then run this again\.\n$/);
      expect(run.stderr).not.toMatch(/\.nvmrc/);
    }
  });
});
