import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoToken, runDemo } from './demo-run.ts';

let demo: Awaited<ReturnType<typeof runDemo>>;

beforeAll(async () => {
  demo = await runDemo();
}, 60_000);
afterAll(() => demo?.remove());

// The server's default is 60 new sessions per subscriber, then one a minute (docs/server.md); someone
// trying the demo, or a test suite against it, opens the flow for the same few subscribers again and again.
it("lets a demo subscriber open the flow more often than a real server's limit on one subscriber allows", async () => {
  const token = await demoToken(demo, 'cus_dana');
  const headers = { 'content-type': 'application/json', origin: new URL(demo.pageUrl).origin };
  const statuses: number[] = [];
  for (let i = 0; i < 70; i++) {
    const response = await fetch(`${demo.serverUrl}/v1/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ token, locale: { browser: ['en'] } }),
    });
    statuses.push(response.status);
    await response.body?.cancel();
  }
  expect(statuses.filter((status) => status !== 201 && status !== 200)).toEqual([]);
}, 120_000);
