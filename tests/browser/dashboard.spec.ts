/**
 * The dashboard end to end against a real `startServer` with a seeded history: sign in with the admin
 * key, see the summary the API computes, sign out (and stay out after a reload).
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, type Page, test } from './fixtures.ts';

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
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(`${server.url}/admin/`);
  // Opening signed out is not an error: the sign-in form, and nothing red in the console (no 401).
  await expect(page.getByLabel('Admin key')).toBeVisible();
  expect(consoleErrors).toEqual([]);
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
    retained: number;
    mrrRetained: Record<string, number>;
  }>('/v1/admin/insights/summary');
  expect(summary.sessions).toBeGreaterThan(0);
  const card = (id: string) => page.locator(`[data-card="${id}"] dd`);
  await expect(card('sessions')).toContainText(count(summary.sessions));
  // Signed in (the summary shows). The cookie goes to the admin API only: not with the widget's
  // requests, receipts or mail links on the same origin.
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'cancelflow_admin');
  expect(cookie?.path).toBe('/v1/admin');
  expect(await page.context().cookies(`${server.url}/v1/sessions`)).toEqual([]);
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
  // Saves verified against billing: the sample history's saves that still paid 30 days later.
  expect(summary.retained).toBeGreaterThan(0);
  await expect(card('retained')).toContainText(count(summary.retained));
  await expect(card('mrr-retained').locator('li')).toHaveCount(Object.keys(summary.mrrRetained).length);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Admin key')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Admin key')).toBeVisible();
  expect((await page.context().cookies()).filter((c) => c.name === 'cancelflow_admin')).toEqual([]);
});

async function signedIn(page: Page) {
  const reply = await page.request.post(`${server.url}/v1/admin/session`, {
    headers: { origin: server.url },
    data: { key: DASHBOARD_ADMIN_KEY },
  });
  expect(reply.status()).toBe(200);
}

test('searches the feedback and filters it by reason, as the API does', async ({ page }) => {
  test.slow();
  await signedIn(page);
  await page.goto(`${server.url}/admin/#/feedback`);
  await page.getByLabel('Search the text').fill('slack');
  await page.getByRole('button', { name: 'Search' }).click();
  const table = page.getByRole('table', { name: 'Feedback containing “slack”' });
  const expected = await server.report<{ feedback: { text: string }[] }>(
    '/v1/admin/insights/feedback?q=slack&limit=50',
  );
  expect(expected.feedback.length).toBeGreaterThan(0);
  await expect(table.locator('tbody tr')).toHaveCount(expected.feedback.length);
  await expect(table.locator('tbody tr').first()).toContainText(/slack/i);

  await page.getByLabel('Search the text').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Reason').selectOption({ label: 'Technical problems' });
  const technical = await server.report<{ feedback: unknown[] }>(
    '/v1/admin/insights/feedback?reasonId=technical&limit=50',
  );
  const rows = page.getByRole('table', { name: 'Feedback, newest first' }).locator('tbody tr');
  await expect(rows).toHaveCount(technical.feedback.length);
  await expect(rows.filter({ hasNotText: 'Technical problems' })).toHaveCount(0);
});

test('downloads a table as CSV with the session cookie', async ({ page }) => {
  test.slow();
  await signedIn(page);
  await page.goto(`${server.url}/admin/#/offers`);
  const link = page.getByRole('link', { name: 'Download CSV of offers' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const csv = (await (await download.createReadStream()).toArray()).join('');
  const lines = csv.trim().split('\r\n');
  // Money in a column per currency of the sample history (USD and EUR), as plain amounts.
  expect(lines[0]).toBe(
    'offerId,offerName,offerType,shown,accepted,acceptanceRate,mrrSaved_EUR,mrrSaved_USD,retained,lost,pending,retainedRate,mrrRetained_EUR,mrrRetained_USD',
  );
  const offers = await server.report<{ offers: unknown[] }>('/v1/admin/insights/offers');
  expect(lines).toHaveLength(offers.offers.length + 1);
});

test('groups the trends by month, as the API does', async ({ page }) => {
  test.slow();
  await signedIn(page);
  await page.goto(`${server.url}/admin/#/overview`);
  await page.getByLabel('Group by').selectOption('month');
  const months = await server.report<{ months: { month: string; sessions: number }[] }>(
    '/v1/admin/insights/trends?by=month',
  );
  const rows = page.getByRole('table', { name: 'Monthly numbers (UTC)' }).locator('tbody tr');
  await expect(rows).toHaveCount(months.months.length);
  const [first] = months.months;
  if (!first) throw new Error('the sample history has no month');
  const name = new Date(`${first.month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  await expect(rows.first()).toContainText(name);
  await expect(rows.first()).toContainText(new Intl.NumberFormat('en').format(first.sessions));
  await expect(page.getByRole('figure', { name: /Save rate by month/ })).toBeVisible();
});

test('the grouping is kept in the link: a reload, a shared link and another view and back keep it', async ({
  page,
}) => {
  test.slow(); // three loads of the overview on a busy machine
  await signedIn(page);
  await page.goto(`${server.url}/admin/#/overview?siteId=demo`);
  await page.getByLabel('Group by').selectOption('month');
  await expect(page).toHaveURL(/#\/overview\?siteId=demo&by=month$/);
  const monthly = page.getByRole('table', { name: 'Monthly numbers (UTC)' });
  await page.reload();
  await expect(page.getByLabel('Group by')).toHaveValue('month');
  await expect(monthly).toBeVisible();
  await page.getByRole('link', { name: 'Reasons', exact: true }).click();
  await expect(page).toHaveURL(/#\/reasons\?siteId=demo&by=month$/);
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(page.getByLabel('Group by')).toHaveValue('month');
  await expect(monthly).toBeVisible();
  // Back to the default: the link no longer names it, as the filters it leaves empty.
  await page.getByLabel('Group by').selectOption('week');
  await expect(page).toHaveURL(/#\/overview\?siteId=demo$/);
  await expect(page.getByRole('table', { name: /Weekly numbers/ })).toBeVisible();
});

test("the feedback's search and the sessions' outcome are kept in the link, as the filters are", async ({ page }) => {
  test.slow(); // two views, each loaded twice, on a busy machine
  await signedIn(page);
  await page.goto(`${server.url}/admin/#/feedback?siteId=demo`);
  await page.getByLabel('Search the text').fill('slack');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/#\/feedback\?siteId=demo&q=slack$/);
  await page.reload();
  await expect(page.getByLabel('Search the text')).toHaveValue('slack');
  await expect(page.getByRole('table', { name: 'Feedback containing “slack”' })).toBeVisible();
  // Another view's link leaves the search out: it is the feedback's own.
  await expect(page.getByRole('link', { name: 'Sessions', exact: true })).toHaveAttribute(
    'href',
    '#/sessions?siteId=demo',
  );

  await page.goto(`${server.url}/admin/#/sessions`);
  await page.getByLabel('Outcome').selectOption('abandoned');
  await expect(page).toHaveURL(/#\/sessions\?status=abandoned$/);
  await page.reload();
  await expect(page.getByLabel('Outcome')).toHaveValue('abandoned');
  const rows = page.getByRole('table', { name: /Sessions, newest first/ }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasNotText: 'abandoned' })).toHaveCount(0);
});

test('reasons by week fits its box on a laptop screen: long reason names wrap instead of running off the edge', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signedIn(page);
  await page.goto(`${server.url}/admin/#/reasons`);
  const box = page.getByRole('region', { name: 'Sessions per reason, by week (Mondays, UTC)' });
  await expect(box.getByRole('columnheader', { name: 'Other reasons' })).toBeVisible();
  const overflow = await box.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

// Reverse tabnabbing: a page elsewhere that opens the dashboard keeps a handle on its window, and
// could send it to a look-alike sign-in page once the admin has looked away. The dashboard's
// Cross-Origin-Opener-Policy cuts that handle: the opener sees the window as closed.
test('a page of another origin that opened the dashboard has no hold on its window', async ({ page }) => {
  const elsewhere = server.url.replace('127.0.0.1', 'localhost'); // the same server, another origin
  await page.goto(`${elsewhere}/v1/health`);
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => {
      (window as unknown as { opened: Window | null }).opened = window.open(url);
    }, `${server.url}/admin/`),
  ]);
  await expect(popup.getByLabel('Admin key')).toBeVisible();
  expect(await popup.evaluate(() => window.opener === null)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { opened: Window }).opened.closed)).toBe(true);
});
