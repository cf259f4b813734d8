import { expect, test } from './fixtures.ts';
import { cancelflowWarnings, dialog } from './flow.ts';

// A step may show parts of its own that arrive in chunks of their own, as the confirm step's support
// links do. They are fetched with the steps, right after the first screen (docs/widget.md), and they
// are optional: one that cannot load shows nothing, and the step, whose terms and choices are in its
// own chunk, stands without it. rich.html's static flow lists support channels.

const SUPPORT = '**/chunks/SupportSection-*.js';
const isSupport = (url: string) => /\/chunks\/SupportSection-[\w-]+\.js$/.test(url);

test("the confirm step's support links are fetched right after the first screen, before the subscriber moves on", async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/pages/rich.html');
  await page.locator('#link').click();
  await expect(dialog(page, 'Why are you leaving?')).toBeVisible();
  // No click further: only the preload after the first screen asks for them.
  await expect.poll(() => requested.filter(isSupport).length).toBeGreaterThanOrEqual(1);
});

test("the support links' chunk cannot load: the confirm step still shows its terms and choices, and the cancel is confirmed", async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  // The connection drops just as the subscriber gets to the confirm step: every request for the chunk
  // (the preload's too) is held until then, and fails.
  let drop = () => {};
  const dropped = new Promise<void>((resolve) => {
    drop = resolve;
  });
  await page.route(SUPPORT, async (route) => {
    await dropped;
    await route.abort('internetdisconnected');
  });
  await page.goto('/pages/rich.html');
  await page.evaluate(() => {
    for (const type of ['cancelflow:close', 'cancelflow:error']) {
      document.addEventListener(type, (event) =>
        sessionStorage.setItem('cf-outcome', JSON.stringify({ type, ...(event as CustomEvent).detail })),
      );
    }
  });
  await page.locator('#link').click();
  await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).click();
  const confirm = dialog(page);
  await expect(confirm).toBeVisible();
  const failed = page.waitForEvent('requestfailed', (request) => isSupport(request.url()));
  drop();
  await failed;

  await expect(confirm.getByText('Your access lasts until the end of the current billing period.')).toBeVisible();
  await expect(confirm.getByText(/full refund if you cancel within 14 days/)).toBeVisible();
  await expect(confirm.getByRole('heading', { name: 'Questions? Contact us' })).toHaveCount(0);
  await confirm.getByRole('button', { name: 'Cancel subscription' }).click();
  // A static flow's confirmed cancel ends the modal; the link's own action follows.
  await page.waitForURL('**/account/cancelled?via=rich');
  const outcome = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-outcome') ?? 'null'));
  expect(outcome).toMatchObject({ type: 'cancelflow:close', status: 'cancelled' });
  expect(warnings).toEqual([]);
});
