/**
 * A flow with a long id, as product teams name them, on a 390 px phone: the filter bar's flow picker
 * and the flow editor's heading must stay within the screen. The picker used to be as wide as the id,
 * so the whole page scrolled sideways (WCAG 1.4.10 reflow), with the editor's heading squeezed into a
 * column one word wide beside the live flow's name; and the versions table's visually hidden
 * "Actions" header, positioned from the page rather than its scrolling table, did the same.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, type Page, test } from './fixtures.ts';

const FLOW_ID = 'acme-main-cancellation-flow-for-the-enterprise-annual-plans-2026';
let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(50, { flowId: FLOW_ID });
});
test.afterAll(async () => {
  await server?.close();
});

const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a long flow id fits a 390 px phone: the overview and the flow editor do not scroll sideways', async ({
  page,
}) => {
  test.slow(); // the flow editor's chunk and the widget's preview on a busy machine
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const picker = page.getByRole('combobox', { name: 'Flow' });
  await expect(picker.locator('option', { hasText: FLOW_ID })).toHaveCount(1);
  expect(await pageOverflow(page)).toBe(0);

  await page.getByRole('link', { name: 'Flow editor' }).click();
  // The live flow's JSON fields, under the headline: the long id wraps rather than widening the page.
  await expect(page.locator('.flow-fields')).toContainText(`"id": "${FLOW_ID}"`);
  expect(await pageOverflow(page)).toBe(0);
  // The heading keeps its words on one line, above the long status rather than squeezed beside it.
  const heading = await page.getByRole('heading', { name: 'Flow of demo' }).boundingBox();
  expect(heading?.height).toBeLessThan(40);
});
