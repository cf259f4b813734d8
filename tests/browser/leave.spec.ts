/**
 * Leaving with the flow open and undecided, in real Chromium against the real reference server:
 * (a) Back to the page before: the session is recorded as abandoned, once; Forward restores the page
 *     from the back/forward cache without the modal, and nothing is recorded again.
 * (b) In a single-page app, Back that stays in the document closes the flow as abandoned — also in a
 *     browser without the Navigation API (`popstate`) — (c) but a site's script setting `location.hash`
 *     (which fires `popstate` in Chromium too) leaves it open.
 * Playwright turns the back/forward cache off for its browsers; this file turns it back on.
 */
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { expect, type Page, test } from './fixtures.ts';
import { dialog } from './flow.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

test.use({ launchOptions: { ...chromiumLaunchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

const here = new URL('.', import.meta.url).pathname;
const originOf = (baseURL: string | undefined) => new URL(baseURL ?? 'http://127.0.0.1:4310').origin;
const token = () =>
  siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', price: 29, currency: 'USD', periodEnd: '2099-12-31' });

const siteUrl = (server: ReferenceServer) =>
  `/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token())}`;

/** Opens the flow and waits until its session is stored and the outbox's code has delivered its first events. */
async function openFlow(page: Page, server: ReferenceServer): Promise<string> {
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.locator('#link').click();
  await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
  await expect.poll(() => server.sessionIds().length, { timeout: 20_000 }).toBe(1);
  const [sessionId] = server.sessionIds() as [string];
  await expect.poll(() => server.events(sessionId).map((e) => e.type), { timeout: 20_000 }).toContain('step_viewed');
  return sessionId;
}

const typesOf = (server: ReferenceServer, sessionId: string) => server.events(sessionId).map((e) => e.type);

test('(a) Back with the modal open records the session as abandoned once; Forward restores the page without it', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
  try {
    await page.addInitScript(() =>
      addEventListener('pageshow', (event) => sessionStorage.setItem('restored', String(event.persisted))),
    );
    await page.goto('/account/cancelled?via=before');
    await page.goto(`${siteUrl(server)}&cacheable`);
    const sessionId = await openFlow(page, server);
    expect(typesOf(server, sessionId)).not.toContain('session_abandoned');

    await page.goBack({ waitUntil: 'commit' }); // that page may come from the cache too: no `load`
    await expect(page).toHaveURL(/via=before/);
    await expect.poll(() => typesOf(server, sessionId), { timeout: 20_000 }).toContain('session_abandoned');

    // A page restored from the cache fires no `load`, which `goForward()` waits for by default.
    await page.goForward({ waitUntil: 'commit' });
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('restored'))).toBe('true');
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    // The restored page sends again what no answer acknowledged (the beacon's): the outbox empties...
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cancelflow:e:')).length), {
        timeout: 20_000,
      })
      .toBe(0);
    // ...and the server holds the session's end once.
    const types = typesOf(server, sessionId);
    expect(types.filter((type) => type === 'session_abandoned')).toHaveLength(1);
    expect(types.filter((type) => type === 'session_completed')).toHaveLength(1);
    expect(server.outcome(sessionId).status).toBe('abandoned');
  } finally {
    await server.close();
  }
});

for (const navigationApi of [true, false]) {
  test(`(b) in a single-page app, Back within the document closes the flow as abandoned${navigationApi ? '' : ' (no Navigation API: popstate)'}`, async ({
    page,
    baseURL,
  }) => {
    const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
    try {
      // A browser without the Navigation API (Safari before it had one).
      if (!navigationApi)
        await page.addInitScript(() => Object.defineProperty(window, 'navigation', { value: undefined }));
      await page.goto(siteUrl(server));
      // The app's own route change, as a router makes one: the account page is now a history entry of its own.
      await page.evaluate(() => history.pushState({ route: 'billing' }, '', '#billing'));
      await page.evaluate(() =>
        document.addEventListener('cancelflow:close', (event) =>
          sessionStorage.setItem('cf-close', JSON.stringify((event as CustomEvent).detail)),
        ),
      );
      const sessionId = await openFlow(page, server);

      await page.evaluate(() => history.back());
      await expect(page.locator('cancelflow-modal')).toHaveCount(0);
      const closed = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-close') ?? '{}'));
      expect(closed).toMatchObject({ status: 'abandoned', sessionId });
      await expect.poll(() => typesOf(server, sessionId), { timeout: 20_000 }).toContain('session_abandoned');
      expect(page.url()).not.toContain('#billing');
    } finally {
      await server.close();
    }
  });
}

test("(c) a site's script setting location.hash while the flow is open leaves it open", async ({ page, baseURL }) => {
  const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
  try {
    await page.goto(siteUrl(server));
    await openFlow(page, server);
    // Chromium fires `popstate` for it: counted, to know the test's condition happened.
    const popped = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          addEventListener('popstate', () => resolve(true), { once: true });
          location.hash = 'section-2';
        }),
    );
    expect(popped).toBe(true);
    // Still open, and the subscriber can go on: the next step shows.
    await page
      .getByRole('dialog', { name: 'Why are you leaving?' })
      .getByRole('button', { name: 'Continue to cancel' })
      .click();
    await expect(dialog(page)).toBeVisible();
  } finally {
    await server.close();
  }
});
