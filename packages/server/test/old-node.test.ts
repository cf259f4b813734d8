import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

// The machine's own Node.js, when it is older than the server needs (CI's fresh machines have Node 20).
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
  const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
  if (!version) return false;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
});

/** `node dist/main.js` on Node 20 crashed with a segmentation fault as SQLite opened, without a word. */
describe('the built server on an older Node.js', () => {
  it.runIf(oldNode)('exits 1 with a message naming the version it needs (no crash)', () => {
    const run = spawnSync(oldNode as string, [MAIN], {
      encoding: 'utf8',
      env: { ...process.env, CANCELFLOW_DB: ':memory:', CANCELFLOW_PORT: '0' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^cancelflow server: needs Node\.js 22\.12 or newer \(24 recommended\); this is Node\.js v\d+/,
    );
  });
});
