/**
 * docs/widget.md's Content-Security-Policy line for the script tag of getting started — the loader,
 * its chunks and the API all on the reference server's own origin, the page on the site's — served
 * as that page's header by a site of its own on loopback, in real Chromium against the real server:
 * the flow runs with zero violations; the same line without the server in connect-src fails open,
 * with the console warning the page quotes.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, type Page, test } from './fixtures.ts';
import { cancelFromSurvey } from './flow.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

const repo = new URL('../../', import.meta.url).pathname;
const policyLine = /^Content-Security-Policy: (.+)$/m.exec(readFileSync(join(repo, 'docs/widget.md'), 'utf8'))?.[1];

let site: Server;
let origin: string;
let server: ReferenceServer;
/** The page's policy, per test. */
let policy = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url !== '/account') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>The site's own page: ${req.url}</h1>`);
      return;
    }
    const token = siteToken({
      sub: `cus_${crypto.randomUUID()}`,
      plan: 'pro',
      currency: 'USD',
      periodEnd: '2099-12-31',
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy }).end(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Account</title>
<script src="${server.url}/cancelflow.js" async data-endpoint="${server.url}" data-token="${token}"></script>
<a href="/account/cancel" data-cancelflow>Cancel subscription</a>`,
    );
  });
  site.listen(0, '127.0.0.1');
  await once(site, 'listening');
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  server = await referenceServer(
    origin,
    join(repo, 'tests/browser/pages/flow-rich.json'),
    undefined,
    join(repo, 'packages/widget/dist'),
  );
});

test.afterAll(async () => {
  await server?.close();
  site?.close();
  site?.closeAllConnections();
});

/** Every CSP violation the page reports, and the console's warnings. */
function watch(page: Page): { violations: string[]; warnings: string[] } {
  const seen = { violations: [] as string[], warnings: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  page.on('pageerror', (error) => seen.violations.push(`page error: ${error.message}`));
  return seen;
}

async function reportViolations(page: Page, into: string[]): Promise<void> {
  await page.exposeFunction('reportViolation', (text: string) => into.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
}

test("widget.md's policy runs the flow from the server's origin with zero violations", async ({ page }) => {
  expect(policyLine, 'docs/widget.md has a "Content-Security-Policy: …" line').toBeTruthy();
  policy = (policyLine as string).replaceAll('https://cancel.example.com', server.url);
  const seen = watch(page);
  await reportViolations(page, seen.violations);

  const response = await page.goto(`${origin}/account`);
  expect(response?.headers()['content-security-policy']).toBe(policy);
  await page.getByRole('link', { name: 'Cancel subscription' }).click();
  await cancelFromSurvey(page);
  await expect(page.getByRole('heading', { name: "The site's own page: /account/cancel" })).toBeVisible();
  expect(server.sessionIds()).toHaveLength(1);
  expect(server.outcome(server.sessionIds()[0] as string).status).toBe('cancelled');
  expect(seen.violations).toEqual([]);
});

test('without the server in connect-src the link navigates, with the warning widget.md quotes', async ({ page }) => {
  policy = (policyLine as string)
    .replace(/;? *connect-src [^;]+/, '')
    .replaceAll('https://cancel.example.com', server.url);
  expect(policy).not.toContain('connect-src');
  const seen = watch(page);
  const before = server.sessionIds().length;

  await page.goto(`${origin}/account`);
  await page.getByRole('link', { name: 'Cancel subscription' }).click();
  await expect(page.getByRole('heading', { name: "The site's own page: /account/cancel" })).toBeVisible();
  expect(server.sessionIds()).toHaveLength(before);
  // The warning as the page quotes it, for its example addresses: this test's.
  const docs = readFileSync(join(repo, 'docs/widget.md'), 'utf8').replace(/\s+/g, ' ');
  const quoted = /`(cancelflow: POST https:\/\/cancel\.example\.com\/v1\/sessions failed[^`]*)`/.exec(docs)?.[1];
  expect(quoted, 'docs/widget.md quotes the warning').toBeTruthy();
  const expected = (quoted as string)
    .replaceAll('https://cancel.example.com', server.url)
    .replaceAll('https://app.acme.example', origin);
  expect(seen.warnings).toEqual([`${expected}. The site's own cancel action proceeds.`]);
});
