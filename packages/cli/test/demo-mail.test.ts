import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClaims, demoSubscriber } from '../src/commands/demo/subscribers.ts';
import { type RunningDemo, startDemo } from '../src/commands/demo.ts';

const repo = new URL('../../../', import.meta.url).pathname;
let demo: RunningDemo;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cancelflow-demo-mail-'));
  const errors: string[] = [];
  const started = await startDemo(
    {
      port: 0,
      serverPort: 0,
      dataDir,
      flowFile: join(repo, 'examples/flows/demo.json'),
      widgetDir: join(repo, 'packages/widget/dist'),
      sessions: 0,
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
  if (!started) throw new Error(`the demo did not start: ${errors.join('')}`);
  demo = started;
}, 60_000);
afterAll(async () => {
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm demo: the emails', () => {
  it("shows a cancellation's confirmation on the account page's outbox view, without an SMTP server", async () => {
    const dana = demoSubscriber('cus_dana');
    const token = await new SignJWT({ ...demoClaims(dana, new Date()) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('demo')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(demo.secret));
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
