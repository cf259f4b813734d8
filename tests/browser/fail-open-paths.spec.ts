/**
 * Fail open (issue 4, acceptance 2) through the real built bundle: when the server answers 500, when
 * the static config is not a flow, and when the real UI throws while rendering (on the first screen,
 * and on a lazily loaded later step), the cancel link still navigates, a `cancelflow:error` event
 * carries the reason, and exactly one console warning explains it to the developer.
 */
import { expect, type Page, test } from './fixtures.ts';
import { cancelflowWarnings } from './flow.ts';

/** Opens the page, records cancelflow's console warnings and its error event (kept across the navigation). */
async function prepare(page: Page, query: string): Promise<string[]> {
  const warnings = cancelflowWarnings(page);
  await page.goto(`/pages/rich.html?${query}`);
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.evaluate(() => {
    document.addEventListener('cancelflow:error', (event) => {
      const target = event.target as Element;
      sessionStorage.setItem('cf-error', JSON.stringify({ on: target.id, detail: (event as CustomEvent).detail }));
    });
  });
  return warnings;
}

async function expectFailedOpen(page: Page, warnings: string[], cause: RegExp): Promise<void> {
  await page.waitForURL('**/account/cancelled?via=rich');
  const error = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-error') ?? 'null'));
  expect(error).toMatchObject({ on: 'link', detail: { status: 'error' } });
  expect(error.detail.error).toMatch(cause);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(cause);
  expect(warnings[0]).toContain("The site's own cancel action proceeds");
}

test('the session endpoint answers 500: the link navigates, with the status in the error', async ({ page }) => {
  const warnings = await prepare(page, 'endpoint=/api-500&token=eyJ.token.sig');
  await page.locator('#link').click();
  await expectFailedOpen(page, warnings, /\/api-500\/v1\/sessions answered 500: the database is unreachable/);
});

test('the server cannot be reached: the link navigates, and the warning asks about the server and the origin', async ({
  page,
}) => {
  // Nothing listens there; a server that refuses this page's origin looks the same to the page (CORS).
  const warnings = await prepare(page, 'endpoint=http://127.0.0.1:1&token=eyJ.token.sig');
  await page.locator('#link').click();
  const origin = new URL(page.url()).origin;
  await expectFailedOpen(page, warnings, /POST http:\/\/127\.0\.0\.1:1\/v1\/sessions failed/);
  expect(warnings[0]).toContain(
    `check that the server is up and that ${origin} is among the site's origins. The site's own cancel action proceeds.`,
  );
});

test('data-endpoint names a path under the server (…/v1): the link navigates, and the warning shows the wrong path', async ({
  page,
}) => {
  const warnings = await prepare(page, 'endpoint=/api-404/v1&token=eyJ.token.sig');
  await page.locator('#link').click();
  await expectFailedOpen(page, warnings, /\/api-404\/v1\/v1\/sessions answered 404: no route POST/);
  // The server's own 404 reaches the page (CORS), so the warning shows the doubled /v1.
  expect(warnings[0]).toContain('/api-404/v1/v1/sessions answered 404: no route POST /v1/v1/sessions.');
});

test('the static config is JSON but not a flow: the link navigates, and the warning names the file', async ({
  page,
}) => {
  const warnings = await prepare(page, 'flow=/pages/flow-not-a-flow.json');
  await page.locator('#link').click();
  await expectFailedOpen(page, warnings, /\/pages\/flow-not-a-flow\.json/);
  expect(warnings[0]).toContain('cancelflow validate');
});

test('the UI throws while rendering its first screen: the link navigates', async ({ page }) => {
  // A confirm step whose policy has no refund rule: the view reads `refund.type` of nothing.
  const warnings = await prepare(page, 'flow=/pages/flow-confirm-no-refund.json');
  await page.locator('#link').click();
  await expectFailedOpen(page, warnings, /its UI crashed/);
});

test('the UI throws on a later, lazily loaded step: the link navigates', async ({ page }) => {
  // A discount in "dollars", not an ISO currency code: the survey works, the offer view throws
  // (Intl.NumberFormat's RangeError) when it renders the amount.
  const warnings = await prepare(page, 'flow=/pages/flow-render-error.json');
  await page.locator('#link').click();
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await expect(survey).toBeVisible();
  await survey.locator('input[value="too_expensive"]').check();
  await survey.getByRole('button', { name: 'Continue', exact: true }).click();
  await expectFailedOpen(page, warnings, /its UI crashed: .*currency/i);
});

test('a static flow whose first step has a type this widget does not know: the link navigates, and the warning names the step', async ({
  page,
}) => {
  // Not an empty frame with only ×, which would leave the subscriber no way to cancel.
  const warnings = await prepare(page, 'flow=/pages/flow-unknown-step.json');
  await page.locator('#link').click();
  await expectFailedOpen(page, warnings, /its UI crashed: .*unknown step type "interstitial"/);
});
