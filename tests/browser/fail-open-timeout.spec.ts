/**
 * `data-timeout` bounds the whole wait from the click until the first screen is interactive — the
 * UI chunk, the subscriber's strings and the session start — not only the UI chunk. Here the session
 * endpoint is a real loopback HTTP server that takes the POST and never answers: once the timeout
 * has passed, the site's own cancel action proceeds, and the warning says why. A data-timeout that is
 * not a number is said once the page is idle.
 */
import { expect, test } from './fixtures.ts';
import { cancelflowWarnings } from './flow.ts';

// The default data-timeout: long enough that a machine several times slower has loaded the UI chunk and
// sent the session start well before it (so the wait that runs out is the session's, not the chunk's).
const timeoutMs = 4000;

test('a session start that never answers: the link navigates after data-timeout, and the error names it', async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  const sessionPosts: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api-hang/v1/sessions')) sessionPosts.push(request.method());
  });
  await page.goto(`/pages/rich.html?endpoint=/api-hang&token=eyJ.token.sig&timeout=${timeoutMs}`);
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.evaluate(() => {
    document.addEventListener('cancelflow:error', (event) => {
      sessionStorage.setItem('cf-error', JSON.stringify((event as CustomEvent).detail));
    });
  });

  await page.locator('#link').click();
  await page.waitForURL('**/account/cancelled?via=rich');

  expect(sessionPosts).toEqual(['POST']); // it was the session start that hung
  const error = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-error') ?? 'null'));
  expect(error).toMatchObject({ status: 'error' });
  // Bounded by data-timeout, not by the session request's own, longer limit.
  expect(error.error).toBe(`the flow did not start within ${timeoutMs} ms`);
  expect(warnings).toEqual([
    `cancelflow: the flow did not start within ${timeoutMs} ms. The site's own cancel action proceeds.`,
  ]);
});

test('a data-timeout that is not a number of milliseconds: one warning once the page is idle names it, and the flow runs with 4000', async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  await page.goto('/pages/rich.html?timeout=5s');
  await expect
    .poll(() => warnings, { timeout: 20_000 })
    .toEqual(['cancelflow: data-timeout="5s" is not a number of milliseconds above 0; 4000 is used']);
  // Hovering the trigger prepares again, and does not say it again; the flow still opens.
  await page.locator('#link').hover();
  await page.locator('#link').click();
  await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
  expect(warnings).toHaveLength(1);
});
