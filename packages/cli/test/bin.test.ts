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
});
