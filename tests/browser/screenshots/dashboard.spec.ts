/**
 * The dashboard's screenshots in docs/images (each view, desktop, light and dark). Not a test: it runs
 * only when asked, after `pnpm build`:
 *
 *   CANCELFLOW_SCREENSHOTS=1 pnpm test:browser tests/browser/screenshots/dashboard.spec.ts
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from '../dashboard-server.ts';
import { expect, type Page, test } from '../fixtures.ts';

const docsImages = new URL('../../../docs/images/', import.meta.url).pathname;

test.skip(!process.env.CANCELFLOW_SCREENSHOTS, 'writes docs/images only when CANCELFLOW_SCREENSHOTS=1');

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer();
});
test.afterAll(async () => {
  await server?.close();
});

async function signedIn(page: Page) {
  const reply = await page.request.post(`${server.url}/v1/admin/session`, {
    headers: { origin: server.url },
    data: { key: DASHBOARD_ADMIN_KEY },
  });
  expect(reply.status()).toBe(200);
}

const SHOTS = [
  { file: 'dashboard-overview.png', view: 'overview', scheme: 'light', ready: 'Save rate by week' },
  { file: 'dashboard-overview-dark.png', view: 'overview', scheme: 'dark', ready: 'Save rate by week' },
  { file: 'dashboard-reasons.png', view: 'reasons', scheme: 'light', ready: 'Sessions per reason, by week' },
  { file: 'dashboard-reasons-dark.png', view: 'reasons', scheme: 'dark', ready: 'Sessions per reason, by week' },
  { file: 'dashboard-offers.png', view: 'offers', scheme: 'light', ready: 'Offers: how often' },
  { file: 'dashboard-offers-dark.png', view: 'offers', scheme: 'dark', ready: 'Offers: how often' },
  { file: 'dashboard-experiments.png', view: 'experiments', scheme: 'light', ready: 'kept rate per variant' },
  { file: 'dashboard-experiments-dark.png', view: 'experiments', scheme: 'dark', ready: 'kept rate per variant' },
  { file: 'dashboard-feedback.png', view: 'feedback', scheme: 'light', ready: 'Feedback, newest first' },
  { file: 'dashboard-feedback-dark.png', view: 'feedback', scheme: 'dark', ready: 'Feedback, newest first' },
  { file: 'dashboard-sessions.png', view: 'sessions', scheme: 'light', ready: 'Sessions, newest first' },
  { file: 'dashboard-sessions-dark.png', view: 'sessions', scheme: 'dark', ready: 'Sessions, newest first' },
  // The flow editor with the widget open in its preview (the shot waits for the frame's dialog).
  { file: 'dashboard-editor.png', view: 'flow', scheme: 'light', ready: 'The validator finds no errors.' },
  { file: 'dashboard-editor-dark.png', view: 'flow', scheme: 'dark', ready: 'The validator finds no errors.' },
  {
    file: 'dashboard-editor-mobile.png',
    view: 'flow',
    scheme: 'light',
    ready: 'The validator finds no errors.',
    width: 375,
  },
  { file: 'dashboard-mobile-dark.png', view: 'overview', scheme: 'dark', ready: 'Save rate by week', width: 375 },
] as const;

for (const shot of SHOTS) {
  test(shot.file, async ({ page }) => {
    // CodeMirror draws the lines in the window's viewport: a tall one has the editor drawn whole.
    const height = shot.view === 'flow' ? 2000 : 900;
    await page.setViewportSize({ width: 'width' in shot ? shot.width : 1280, height });
    await page.emulateMedia({ colorScheme: shot.scheme, reducedMotion: 'reduce' });
    await signedIn(page);
    await page.goto(`${server.url}/admin/#/${shot.view}`);
    await expect(page.getByText(shot.ready).first()).toBeVisible();
    await expect(page.locator('[data-card="sessions"] strong')).toHaveCount(shot.view === 'flow' ? 0 : 1);
    if (shot.view === 'flow') {
      const preview = page.frameLocator('iframe[title^="Preview"]');
      await expect(preview.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
      await expect(page.locator('.cm-content')).toContainText('acme-demo');
    }
    await page.screenshot({ path: `${docsImages}${shot.file}`, fullPage: true });
  });
}

test('dashboard-sign-in.png', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${server.url}/admin/`);
  await expect(page.getByLabel('Admin key')).toBeVisible();
  await page.screenshot({ path: `${docsImages}dashboard-sign-in.png` });
});
