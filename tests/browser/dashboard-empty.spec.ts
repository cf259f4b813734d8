/**
 * The dashboard of a server that has recorded no session yet (a fresh install): the summary says where
 * sessions come from rather than showing only zeros, and the filter bar's keyboard focus is visible on
 * every stop, the date fields' calendar buttons included.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(0);
});
test.afterAll(async () => {
  await server?.close();
});

test('an empty server says that no session is recorded yet; filters that match none say so', async ({ page }) => {
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-card="sessions"] dd')).toHaveText('0');
  await expect(page.locator('[data-empty="sessions"]')).toContainText('No sessions yet.');
  await expect(page.locator('[data-card="retained"] .note')).toContainText('no save due yet');
  // The views below say the same, not "for these filters" with no filter set (nothing to clear).
  await expect(page.getByRole('region', { name: /^Weekly numbers/ })).toContainText(
    'No data yet: no session is recorded.',
  );
  await expect(page.getByText('No sessions yet: nothing to draw.')).toBeVisible();
  await page.getByRole('link', { name: 'Experiments' }).click();
  await expect(page.getByText('No experiment sessions yet:')).toBeVisible();
  await page.getByRole('link', { name: 'Offers' }).click();
  await expect(page.getByRole('region', { name: /^Offers: how often/ })).toContainText(
    'No data yet: no session is recorded.',
  );
  await expect(page.getByText('these filters')).toHaveCount(0);
  await page.goto(`${server.url}/admin/#/overview?from=2026-01-01`);
  await expect(page.locator('[data-empty="sessions"]')).toContainText('No sessions match these filters');
  await expect(page.getByRole('region', { name: /^Weekly numbers/ })).toContainText('No data for these filters.');
  // A site chosen alone has had no session at all: no dates to widen; it names the site.
  await page.goto(`${server.url}/admin/#/overview?siteId=demo`);
  await expect(page.locator('[data-empty="sessions"]')).toContainText('No sessions on site demo yet.');
});

test('every Tab stop of the filter bar shows a focus outline', async ({ page }) => {
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Clear' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).focus();
  // From the sign-out button to "Clear": the date fields' parts and calendar buttons, the selects, the buttons.
  for (let stop = 0; stop < 20; stop++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return {
        text: element.textContent ?? '',
        tag: element.tagName,
        outline: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(focused.outline, `stop ${stop + 1} (${focused.tag})`).not.toBe('none');
    expect(Number.parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
    if (focused.text === 'Clear') return;
  }
  throw new Error('Tab never reached "Clear"');
});
