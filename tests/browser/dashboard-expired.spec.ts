/**
 * A sign-in that ends while the dashboard is open (the cookie's 8 hours are over, or someone signed out
 * with it elsewhere): the sign-in form comes back saying why, rather than as if the page had just been
 * opened, and signing in again goes on in the same view.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(50);
});
test.afterAll(async () => {
  await server?.close();
});

test('an ended sign-in brings the form back saying why, and signing in again returns to the view', async ({
  page,
  context,
}) => {
  await page.goto(`${server.url}/admin/`);
  const form = page.getByRole('main');
  await expect(page.getByLabel('Admin key')).toBeVisible();
  await expect(form).not.toContainText('Your sign-in has ended');
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('[data-card="sessions"] dd')).toHaveText('50');

  await context.clearCookies(); // what the browser does once the cookie's 8 hours are over
  await page.getByRole('link', { name: 'Reasons' }).click();
  // The view's reports show "Loading…" (statuses too) until their requests come back refused.
  await expect(page.getByLabel('Admin key')).toBeVisible();
  await expect(form.getByRole('status')).toContainText('Your sign-in has ended');
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Reasons by week' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/reasons');
});
