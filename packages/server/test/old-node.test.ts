import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const INDEX = new URL('../dist/index.js', import.meta.url).href;

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

  // startServer() from code, as the package's README shows it (a site's Node may be Debian's 20): it
  // crashed the same way, as the database opened. A rejection now, so Node prints it and exits 1.
  it.runIf(oldNode)('startServer() from code rejects naming the version it needs (no crash)', () => {
    const code = `import { startServer } from ${JSON.stringify(INDEX)};
await startServer({ port: 0, db: ':memory:', handleSignals: false, log: false, widgetDir: false });`;
    const run = spawnSync(oldNode as string, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /ConfigError: cancelflow server: needs Node\.js 22\.12 or newer \(24 recommended\); this is Node\.js v\d+/,
    );
  });
});
