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

  it("leaves the last demo's data as it was when the server's port is taken, and names --server-port", async () => {
    const data = join(folder(), 'demo');
    const first = await start(data);
    expect(first.errors).toBe('');
    await first.demo?.close();
    writeFileSync(join(data, 'left-over.txt'), 'from the last demo');
    const sites = readFileSync(join(data, 'sites.json'), 'utf8');
    const database = readFileSync(join(data, 'cancelflow.sqlite'));

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const busy = await start(data, { serverPort: port });
      expect(busy.demo).toBeUndefined();
      expect(busy.errors).toBe(`cancelflow demo: port ${port} is in use; pick another with --server-port\n`);
      expect(readFileSync(join(data, 'left-over.txt'), 'utf8')).toBe('from the last demo');
      expect(readFileSync(join(data, 'sites.json'), 'utf8')).toBe(sites);
      expect(readFileSync(join(data, 'cancelflow.sqlite')).equals(database)).toBe(true);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    // Free again, the port is the next demo's server's (the demo lets go of it before the server listens).
    const again = await start(data, { serverPort: port });
    try {
      expect(again.errors).toBe('');
      expect(again.demo?.serverUrl).toBe(`http://127.0.0.1:${port}`);
      expect(existsSync(join(data, 'left-over.txt'))).toBe(false);
    } finally {
      await again.demo?.close();
    }
  });

  it("refuses a folder a running demo uses, and leaves that demo's database alone", async () => {
    const data = join(folder(), 'demo');
    const first = await start(data);
    expect(first.errors).toBe('');
    try {
      const second = await start(data);
      expect(second.demo).toBeUndefined();
      expect(second.errors).toContain(`a demo is running on ${data} (process ${process.pid}, ${first.demo?.pageUrl})`);
      expect(existsSync(join(data, 'cancelflow.sqlite'))).toBe(true);
      const health = await fetch(`${first.demo?.serverUrl}/v1/health`);
      expect(health.status).toBe(200);
    } finally {
      await first.demo?.close();
    }
    // Stopped, it leaves the folder to the next demo.
    const next = await start(data);
    expect(next.errors).toBe('');
    await next.demo?.close();
  });

  it("checks the flow before it empties anything: a broken one leaves the last demo's data as it was", async () => {
    const data = join(folder(), 'demo');
    const first = await start(data);
    await first.demo?.close();
    const sites = readFileSync(join(data, 'sites.json'), 'utf8');
    const flow = join(folder(), 'broken.json');
    writeFileSync(flow, '{ "id": "x", "steps": [] }');
    const broken = await start(data, { flowFile: flow });
    expect(broken.demo).toBeUndefined();
    expect(broken.errors).toContain('cancelflow demo: the flow is not valid:');
    expect(broken.errors).toContain(flow);
    expect(readFileSync(join(data, 'sites.json'), 'utf8')).toBe(sites);
  });

  it('runs the simulated Stripe on --stripe-port, and says so when that port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const busy = await start(join(folder(), 'demo'), { billing: 'stripe-sim', stripePort: port });
      expect(busy.demo).toBeUndefined();
      expect(busy.errors).toContain(`port ${port} is in use; pick another with --stripe-port`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    const chosen = await start(join(folder(), 'demo'), { billing: 'stripe-sim', stripePort: port });
    try {
      expect(chosen.errors).toBe('');
      expect(chosen.demo?.stripeUrl).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await chosen.demo?.close();
    }
  });
});
