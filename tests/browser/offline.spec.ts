/**
 * The subscriber's connection drops mid-flow (Playwright's `context.setOffline`), against the real
 * reference server. The site's own cancel still runs after a failed confirm (fail open), and the
 * warning says the browser was offline rather than sending the developer after the endpoint or CORS.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { cancelflowWarnings, dialog, loaderReady } from './flow.ts';
import { referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;

test('offline at the confirm: the cancel fails open, and the warning says the browser is offline', async ({
  page,
  context,
  baseURL,
}) => {
  const server = await referenceServer(new URL(baseURL ?? '').origin, join(here, 'pages/flow-rich.json'));
  const warnings = cancelflowWarnings(page);
  try {
    const token = siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', periodEnd: '2099-12-31' });
    // The outbox's chunk loads after the first screen. Going offline before it arrived would add a
    // second, true warning (events not sent yet), so the connection drops only once it is here.
    const deliveryLoaded = page.waitForResponse((response) => /\/chunks\/delivery-[\w-]+\.js$/.test(response.url()), {
      timeout: 60_000,
    });
    await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
    await loaderReady(page);
    // The site's own cancel, seen without leaving the page (an offline navigation would show an error page).
    await page.evaluate(() => {
      document.getElementById('link')?.addEventListener('click', (event) => {
        event.preventDefault();
        document.body.dataset.siteCancel = String(Number(document.body.dataset.siteCancel ?? 0) + 1);
      });
    });
    await page.locator('#link').click();
    await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).click();
    await deliveryLoaded;
    await context.setOffline(true);
    await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();

    // After the adapter's retries: the modal closes and the link's own action runs, once.
    await expect(page.locator('body')).toHaveAttribute('data-site-cancel', '1', { timeout: 60_000 });
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^cancelflow: POST http:\/\/127\.0\.0\.1:\d+\/v1\/sessions\/[\w-]+\/cancel failed: the browser is offline\. The site's own cancel action proceeds\.$/,
      ),
    ]);
  } finally {
    await context.setOffline(false);
    await server.close();
  }
});
