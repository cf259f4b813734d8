/**
 * The dashboard end to end against a real `startServer` with a seeded history: sign in with the admin
 * key, see the summary the API computes, sign out (and stay out after a reload).
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer();
});
test.afterAll(async () => {
  await server?.close();
});

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const count = (n: number) => new Intl.NumberFormat('en').format(n);

test('signs in, shows the API summary, signs out', async ({ page }) => {
  test.slow(); // a sign-in, two reports, a sign-out and a reload: several round trips on a busy machine
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const summary = await server.report<{
    sessions: number;
    saved: number;
    cancelled: number;
    abandoned: number;
    open: number;
    saveRate: number | null;
    mrrSaved: Record<string, number>;
  }>('/v1/admin/insights/summary');
  expect(summary.sessions).toBeGreaterThan(0);
  const card = (id: string) => page.locator(`[data-card="${id}"] dd`);
  await expect(card('sessions')).toContainText(count(summary.sessions));
  await expect(card('saved')).toContainText(count(summary.saved));
  await expect(card('cancelled')).toContainText(count(summary.cancelled));
  await expect(card('abandoned')).toContainText(count(summary.abandoned));
  await expect(card('save-rate')).toContainText(percent(summary.saveRate));
  // One line per currency, none of them a sum across currencies.
  await expect(card('mrr-saved').locator('li')).toHaveCount(Object.keys(summary.mrrSaved).length);
  for (const [currency, amount] of Object.entries(summary.mrrSaved)) {
    const text = new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
    await expect(card('mrr-saved').locator(`[data-currency="${currency}"]`)).toHaveText(text);
  }

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Admin key')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Admin key')).toBeVisible();
  expect((await page.context().cookies()).filter((c) => c.name === 'cancelflow_admin')).toEqual([]);
});
