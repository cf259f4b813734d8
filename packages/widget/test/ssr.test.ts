import { expect, test } from 'vitest';

test('importing the npm entry and creating a flow touches no browser global (server-side rendering)', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  const { createCancelFlow } = await import('../src/index.ts');
  const flow = createCancelFlow({ endpoint: 'https://cancel.example.com' });
  expect(typeof flow.open).toBe('function');
  expect(typeof flow.attach).toBe('function');
  flow.destroy();
});
