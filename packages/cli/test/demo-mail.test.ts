import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoToken, runDemo } from './demo-run.ts';

let demo: Awaited<ReturnType<typeof runDemo>>;

beforeAll(async () => {
  demo = await runDemo();
}, 60_000);
afterAll(() => demo?.remove());

describe('pnpm demo: the emails', () => {
  it("shows a cancellation's confirmation on the account page's outbox view, without an SMTP server", async () => {
    const token = await demoToken(demo, 'cus_dana');
    const origin = new URL(demo.pageUrl).origin;
    const json = { 'content-type': 'application/json', origin };
    const started = await fetch(`${demo.serverUrl}/v1/sessions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, locale: { browser: ['en'] } }),
    }).then((r) => r.json() as Promise<{ sessionId: string; sessionKey: string }>);
    const cancelled = await fetch(`${demo.serverUrl}/v1/sessions/${started.sessionId}/cancel`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ sessionKey: started.sessionKey }),
    });
    expect(cancelled.status).toBe(200);

    const emails = () => fetch(`${demo.pageUrl}emails?as=cus_dana`).then((r) => r.text());
    const deadline = Date.now() + 30_000;
    let page = await emails();
    while (!page.includes('sent 20') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      page = await emails();
    }
    expect(page).toContain('<h2>Your cancellation is confirmed</h2>');
    expect(page).toContain('To cus_dana@example.com · cancellation · sent 20');
    expect(page).toContain('<iframe title="Your cancellation is confirmed" sandbox=');
    const account = await fetch(`${demo.pageUrl}?as=cus_dana`).then((r) => r.text());
    expect(account).toContain('<a href="/emails?as=cus_dana">1 in the outbox</a>');
  }, 60_000);
});
