import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoIn as start } from './demo-run.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const folder = () => {
  const made = mkdtempSync(join(tmpdir(), 'cancelflow-demo-data-'));
  folders.push(made);
  return made;
};

describe('cancelflow demo --data', () => {
  it("refuses a folder holding anything but a demo's data, and deletes nothing in it", async () => {
    const site = folder();
    writeFileSync(join(site, 'sites.json'), '[]');
    mkdirSync(join(site, 'flows'));
    writeFileSync(join(site, 'flows', 'main.json'), '{}');
    const { demo, errors } = await start(site);
    expect(demo).toBeUndefined();
    expect(errors).toContain(`${site} holds files that are not a demo's (flows`);
    expect(readFileSync(join(site, 'flows', 'main.json'), 'utf8')).toBe('{}');
    expect(readFileSync(join(site, 'sites.json'), 'utf8')).toBe('[]');
  });

  it("empties its own folder on the next start, and leaves it as it was when the demo's port is taken", async () => {
    const data = join(folder(), 'demo');
    const first = await start(data);
    expect(first.errors).toBe('');
    await first.demo?.close();
    const sites = readFileSync(join(data, 'sites.json'), 'utf8');

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const busy = await start(data, { port });
      expect(busy.demo).toBeUndefined();
      expect(busy.errors).toContain(`port ${port} is in use`);
      expect(readFileSync(join(data, 'sites.json'), 'utf8')).toBe(sites);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }

    writeFileSync(join(data, 'left-over.txt'), 'from the last demo');
    const again = await start(data);
    expect(again.errors).toBe('');
    await again.demo?.close();
    expect(existsSync(join(data, 'left-over.txt'))).toBe(false);
    expect(readFileSync(join(data, 'sites.json'), 'utf8')).not.toBe(sites); // a new secret
  });
});
