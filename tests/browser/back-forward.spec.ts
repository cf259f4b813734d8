/**
 * The back/forward cache: a subscriber who used the flow, went to another page and came back with
 * the browser's Back button gets the page as they left it (restored, not loaded again), with the
 * trigger working. Playwright turns the cache off for its browsers; this file turns it back on.
 */
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { expect, type Page, test } from './fixtures.ts';
import { dialog, loaderReady } from './flow.ts';

test.use({ launchOptions: { ...chromiumLaunchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

/** The test host sends every page with `no-store`, which keeps it out of the cache; a site's account page may be cached. */
async function cacheable(page: Page, glob: string): Promise<void> {
  await page.route(glob, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'cache-control': 'private, max-age=60' } });
  });
}

test('after a flow was closed, Back restores the page from the cache, and the trigger opens the flow again', async ({
  page,
}) => {
  await cacheable(page, '**/pages/triggers.html');
  // `pageshow` says whether the page came from the cache; listened to from the start, as it fires on load too.
  await page.addInitScript(() =>
    addEventListener('pageshow', (event) => sessionStorage.setItem('restored', String(event.persisted))),
  );
  await page.goto('/pages/triggers.html');
  await loaderReady(page);
  await page.evaluate(() => {
    const w = window as unknown as { siteRuns: number };
    w.siteRuns = 0;
    document.getElementById('button')?.addEventListener('click', () => w.siteRuns++);
  });
  await page.locator('#button').click();
  await dialog(page).getByRole('button', { name: 'Keep my subscription' }).click();
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  // Its events are handed over (a static flow's to nowhere) before the subscriber leaves.
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('cancelflow:e:'))), {
      timeout: 20_000,
    })
    .toBe(false);

  await page.goto('/account/cancelled?via=elsewhere');
  // A page restored from the cache fires no `load`, which `goBack()` waits for by default.
  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem('restored'))).toBe('true');

  await page.locator('#button').click();
  await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (window as unknown as { siteRuns: number }).siteRuns)).toBe(1);
});
