/**
 * The tables' text columns on a 390 px phone. They wrap anywhere (a label may be one word thousands of
 * characters long, dashboard-hostile-content.spec.ts), which let the table squeeze them to a letter or
 * two wide while the numbers beside them kept their room: "Pause your subscription" read
 * "Paus / e / your / subs / cripti / on", and the offer's id broke the same way. An ordinary word —
 * the longest in the sample's labels, offer names and paths — must stay on one line.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, type Page, test } from './fixtures.ts';

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(200);
});
test.afterAll(async () => {
  await server?.close();
});

/** The words of 20 characters or fewer in the page's wrapping cells that a line break splits. */
const brokenWords = (page: Page) =>
  page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll('td.wrap')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S{1,20}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          // One word on one line has one box; a word a line break splits has one per line.
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });

test('on a 390 px phone, reasons, offers, sessions and feedback keep their words whole', async ({ page }) => {
  test.slow(); // four reports on a busy machine
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  for (const [view, caption] of [
    ['Reasons', 'Why subscribers wanted to cancel'],
    ['Offers', 'Offers: how often each was shown and accepted'],
    ['Sessions', 'Sessions, newest first'],
    ['Feedback', 'Feedback, newest first'],
  ] as const) {
    await page.getByRole('link', { name: view, exact: true }).click();
    const table = page.getByRole('table', { name: caption });
    await expect(table.locator('td.wrap').first()).toBeVisible();
    expect(await brokenWords(page), view).toEqual([]);
  }
});
