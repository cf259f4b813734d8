import { expect, test } from './fixtures.ts';

test('when the UI chunk is blocked, the link navigates and the error is reported', async ({ page }) => {
  await page.route('**/cancelflow-ui.js', (route) => route.abort('blockedbyclient'));
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto('/pages/triggers.html');
  await page.waitForFunction(
    () => 'cancelflow' in window && 'version' in (window as { cancelflow: object }).cancelflow,
  );
  await page.evaluate(() => {
    document.addEventListener('cancelflow:error', (e) => {
      sessionStorage.setItem('cancelflow-error', JSON.stringify((e as CustomEvent).detail));
    });
  });
  await page.locator('#link').click();
  await page.waitForURL('**/account/cancelled?via=link');
  const detail = JSON.parse((await page.evaluate(() => sessionStorage.getItem('cancelflow-error'))) ?? 'null');
  expect(detail).toMatchObject({ status: 'error' });
  expect(detail.error).toContain('cancelflow-ui.js');
  expect(warnings.some((w) => w.includes("The site's own cancel action proceeds"))).toBe(true);
});

test('when the UI cannot start the flow, the form still submits with its submitter', async ({ page }) => {
  // A UI chunk whose open() fails, as when the flow cannot be had.
  await page.route('**/cancelflow-ui.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: 'export function open() { return Promise.reject(new Error("injected failure")); }',
    }),
  );
  await page.goto('/pages/triggers.html');
  await page.locator('#form-now').click();
  await page.waitForURL('**/account/cancelled?via=form');
  const echo = JSON.parse((await page.locator('#echo').textContent()) ?? '{}');
  expect(echo.body).toMatchObject({ when: 'now', note: 'from the form' });
});
