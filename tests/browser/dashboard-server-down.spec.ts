/**
 * The server goes away while a product manager has the dashboard open (a restart, a deploy, a lost
 * connection): each view says so in words a reader understands, and the flow editor, whose chunk is
 * fetched only when it opens, says it could not load instead of "Loading the editor…" for ever.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

let server: DashboardServer | undefined;
test.beforeAll(async () => {
  server = await dashboardServer(50);
});
test.afterAll(async () => {
  await server?.close();
});

test('with the server down, a report and the flow editor say they could not load, and why', async ({ page }) => {
  const running = server as DashboardServer;
  await page.goto(`${running.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-card="sessions"] dd')).toHaveText('50');
  server = undefined;
  await running.close();

  await page.getByRole('link', { name: 'Offers' }).click();
  await expect(page.getByRole('alert').first()).toHaveText(
    'Could not load this report: the server could not be reached (is it running, and is this computer online?)',
  );
  await page.getByRole('link', { name: 'Flow editor' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not load the editor:');
  await expect(page.getByRole('alert')).toContainText('Reload the page to try again.');
});
