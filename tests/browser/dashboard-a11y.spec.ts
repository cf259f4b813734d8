/**
 * WCAG 2.0/2.1/2.2 A and AA, checked by axe-core on every dashboard view and the sign-in page, light
 * and dark, at 1280 and 375 px, against a real server with a seeded history. One scan per test.
 */
import AxeBuilder from '@axe-core/playwright';
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const VIEWS = [
  { view: 'overview', ready: 'Weekly numbers' },
  { view: 'reasons', ready: 'Why subscribers wanted to cancel' },
  { view: 'offers', ready: 'Offers: how often' },
  { view: 'experiments', ready: 'kept rate per variant' },
  { view: 'feedback', ready: 'Feedback, newest first' },
  { view: 'sessions', ready: 'Sessions, newest first' },
  // The editor with the widget open in its preview frame (axe scans into the frame and its shadow root).
  { view: 'flow', ready: 'The validator finds no errors.' },
] as const;

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(400);
});
test.afterAll(async () => {
  await server?.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 375]) {
    test.describe(`axe: dashboard, ${colorScheme}, ${width}px`, () => {
      // A scan of a page of tables takes seconds on a busy machine: three times the usual limit.
      test.slow();
      test.beforeEach(async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      });

      test('sign-in', async ({ page }) => {
        await page.goto(`${server.url}/admin/`);
        await expect(page.getByLabel('Admin key')).toBeVisible();
        const results = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
        ).toEqual([]);
      });

      for (const { view, ready } of VIEWS) {
        test(view, async ({ page }) => {
          const reply = await page.request.post(`${server.url}/v1/admin/session`, {
            headers: { origin: server.url },
            data: { key: DASHBOARD_ADMIN_KEY },
          });
          expect(reply.status()).toBe(200);
          await page.goto(`${server.url}/admin/#/${view}`);
          await expect(page.getByText(ready).first()).toBeVisible();
          // The summary tops every report; the flow editor leaves it out (docs/dashboard.md).
          await expect(page.locator('[data-card="sessions"] strong')).toHaveCount(view === 'flow' ? 0 : 1);
          if (view === 'flow') {
            const preview = page.frameLocator('iframe[title^="Preview"]');
            await expect(preview.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
            await expect(page.locator('.cm-content')).toContainText('acme-demo');
          }
          const results = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
          expect(
            results.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
          ).toEqual([]);
        });
      }
    });
  }
}
