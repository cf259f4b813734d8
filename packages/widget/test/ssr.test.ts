import { expect, test } from 'vitest';

test('importing the npm entry and creating a flow touches no browser global (server-side rendering)', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  const { createCancelFlow } = await import('../src/index.ts');
  const flow = createCancelFlow({ endpoint: 'https://cancel.example.com' });
  expect(typeof flow.open).toBe('function');
  expect(typeof flow.attach).toBe('function');
  flow.destroy();
});

test('open() outside a browser resolves as an error, as every failure does, and never rejects', async () => {
  const { createCancelFlow } = await import('../src/index.ts');
  const flow = createCancelFlow({ endpoint: 'https://cancel.example.com', token: 't', timeout: 2000 });
  const warn = console.warn;
  console.warn = () => {};
  try {
    const outcome = await flow.open();
    expect(outcome).toMatchObject({ status: 'error', error: 'document is not defined' });
  } finally {
    console.warn = warn;
    flow.destroy();
  }
});
