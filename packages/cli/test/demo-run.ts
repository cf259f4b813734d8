import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { demoClaims, demoSubscriber } from '../src/commands/demo/subscribers.ts';
import { type DemoOptions, type RunningDemo, startDemo } from '../src/commands/demo.ts';

const repo = new URL('../../../', import.meta.url).pathname;

/**
 * `startDemo` as `pnpm demo` calls it, on free ports (unless `options` says otherwise) with `dataDir`
 * and no sample sessions: the demo if it started, and what it wrote to stderr.
 */
export async function startDemoIn(
  dataDir: string,
  options: Partial<DemoOptions> = {},
): Promise<{ demo: RunningDemo | undefined; errors: string }> {
  const errors: string[] = [];
  const demo = await startDemo(
    {
      port: 0,
      serverPort: 0,
      dataDir,
      flowFile: join(repo, 'examples/flows/demo.json'),
      widgetDir: join(repo, 'packages/widget/dist'),
      sessions: 0,
      ...options,
    },
    {
      stdout: () => {},
      stderr: (text) => errors.push(text),
      readFile: async () => '',
      fileSize: async () => 0,
      now: () => new Date(),
      env: {},
    },
  );
  return { demo, errors: errors.join('') };
}

/** The demo as `pnpm demo` runs it, on free ports in a temp dir, without sample sessions; `remove()` stops it. */
export async function runDemo(options: Partial<DemoOptions> = {}): Promise<RunningDemo & { remove(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cancelflow-demo-'));
  const { demo: started, errors } = await startDemoIn(dataDir, options);
  if (!started) throw new Error(`the demo did not start: ${errors}`);
  return {
    ...started,
    async remove() {
      await started.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A token for demo subscriber `sub`, as the demo's account page signs it. */
export function demoToken(demo: RunningDemo, sub: string): Promise<string> {
  return new SignJWT({ ...demoClaims(demoSubscriber(sub), new Date()) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('demo')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(demo.secret));
}
