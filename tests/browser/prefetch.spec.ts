import { expect, test } from './fixtures.ts';
import { dialog } from './flow.ts';

// The loader prepares the UI once the page has loaded and is idle (docs/widget.md): a first click then
// waits for no code and, with a static flow, for no request at all.

const prepared = (url: string) => /\/cancelflow-ui\.js$|\/flow-confirm\.json$|\/chunks\/static-flow-/.test(url);

test('once the page is idle, the UI and the static flow are fetched without any intent, and a click fetches neither again', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/pages/triggers.html');
  // The pointer never went near a trigger and nothing has the focus: only the idle prefetch fetches these.
  await expect.poll(() => requested.filter(prepared).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  const before = requested.length;
  await page.locator('#link').click();
  await expect(dialog(page)).toBeVisible();
  expect(requested.slice(before).filter(prepared)).toEqual([]);
});

test('a UI that cannot be fetched at idle time raises no error in the page, and the click still fails open', async ({
  page,
}) => {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.route('**/cancelflow-ui.js', (route) => route.abort('blockedbyclient'));
  const failed = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/cancelflow-ui.js'));
  await page.goto('/pages/triggers.html');
  await failed;
  await page.locator('#link').click();
  await page.waitForURL('**/account/cancelled?via=link');
  expect(errors).toEqual([]);
});
