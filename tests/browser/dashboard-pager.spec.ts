/**
 * The sessions list's pager on a server holding exactly one page (50 sessions): "Older" must stay
 * disabled, since nothing older exists; a full page alone used to enable it, and it led to an empty page.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

const PAGE = 50;
let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(PAGE);
});
test.afterAll(async () => {
  await server?.close();
});

test('a page holding exactly every session offers no older page', async ({ page }) => {
  expect((await server.report<{ sessions: number }>('/v1/admin/insights/summary')).sessions).toBe(PAGE);
  await page.goto(`${server.url}/admin/#/sessions`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const table = page.getByRole('table', { name: 'Sessions, newest first, with their path' });
  await expect(table.locator('tbody tr')).toHaveCount(PAGE);
  const pager = page.getByRole('navigation', { name: 'Session pages' });
  await expect(pager).toContainText(`1–${PAGE}`);
  await expect(pager.getByRole('button', { name: 'Older' })).toBeDisabled();
  await expect(pager.getByRole('button', { name: 'Newer' })).toBeDisabled();
});
