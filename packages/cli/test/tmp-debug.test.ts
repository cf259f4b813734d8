import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { startDemoIn as start } from './demo-run.ts';

it('dbg', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  console.log('a');

  await new Promise((resolve) => taken.close(resolve));
  console.log('c');
  const chosen = await start(join(mkdtempSync(join(tmpdir(), 'x-')), 'demo'), {
    billing: 'stripe-sim',
    stripePort: port,
  });
  console.log('d', chosen.errors, chosen.demo?.stripeUrl);
  await chosen.demo?.close();
  console.log('e');
}, 30000);
