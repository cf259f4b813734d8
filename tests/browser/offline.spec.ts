/**
 * The subscriber's connection drops mid-flow (Playwright's `context.setOffline`), against the real
 * reference server. A connection that comes back within the decision's wait for it (a tunnel, a change
 * of cell) lets the cancel go through, with its receipt. One that stays down: the site's own cancel
 * still runs after a failed confirm (fail open), and the warning says the browser was offline rather
 * than sending the developer after the endpoint or CORS.
 */
import { join } from 'node:path';
import { expect, type Page, test } from './fixtures.ts';
import { cancelflowWarnings, dialog, loaderReady } from './flow.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;

/**
 * A subscriber of the reference server on the confirm step, with the outbox's chunk loaded: it loads
 * after the first screen, and going offline before it arrived would add a second, true warning (events
 * not sent yet). The site's own cancel is counted on `body[data-site-cancel]` without leaving the page
 * (an offline navigation would show an error page).
 */
async function toConfirmStep(page: Page, server: ReferenceServer): Promise<void> {
  const token = siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', periodEnd: '2099-12-31' });
  const deliveryLoaded = page.waitForResponse((response) => /\/chunks\/delivery-[\w-]+\.js$/.test(response.url()), {
    timeout: 60_000,
  });
  await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
  await loaderReady(page);
  await page.evaluate(() => {
    document.getElementById('link')?.addEventListener('click', (event) => {
      event.preventDefault();
      document.body.dataset.siteCancel = String(Number(document.body.dataset.siteCancel ?? 0) + 1);
    });
  });
  await page.locator('#link').click();
  await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).click();
  await deliveryLoaded;
}

test('offline at the confirm: the cancel fails open, and the warning says the browser is offline', async ({
  page,
  context,
  baseURL,
}) => {
  const server = await referenceServer(new URL(baseURL ?? '').origin, join(here, 'pages/flow-rich.json'));
  const warnings = cancelflowWarnings(page);
  try {
    await toConfirmStep(page, server);
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

test('the connection drops as the subscriber confirms and comes back: the cancel goes through, with its receipt', async ({
  page,
  context,
  baseURL,
}) => {
  const server = await referenceServer(new URL(baseURL ?? '').origin, join(here, 'pages/flow-rich.json'));
  const warnings = cancelflowWarnings(page);
  try {
    await toConfirmStep(page, server);
    await context.setOffline(true);
    const firstTry = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/cancel'));
    await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
    await firstTry;
    // The gap itself is the network condition under test (a few seconds without a connection, well
    // beyond the retries' backoff and well within the wait for the connection), not a wait for a state.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await context.setOffline(false);

    const done = dialog(page, 'Your subscription is cancelled');
    await expect(done).toBeVisible();
    const [sessionId] = server.sessionIds();
    expect(server.outcome(sessionId ?? '').status).toBe('cancelled');
    await expect(page.locator('body')).not.toHaveAttribute('data-site-cancel');
    await done.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('body')).toHaveAttribute('data-site-cancel', '1');
    expect(warnings).toEqual([]);
  } finally {
    await context.setOffline(false);
    await server.close();
  }
});
