/**
 * A server that answers garbage before the first screen: the widget fails open, its one warning names
 * what was wrong, and no half-started modal is shown.
 */
import { expect, type Page, test } from './fixtures.ts';
import { cancelflowWarnings, loaderReady } from './flow.ts';

type Answer = { status: number; contentType?: string; body?: string; headers?: Record<string, string> };

/** Every request to `/api-x/` (the preview and the session) gets `answer`. */
async function serverAnswering(page: Page, answer: Answer): Promise<string[]> {
  await page.route('**/api-x/**', (route) =>
    route.fulfill({
      status: answer.status,
      headers: { 'access-control-allow-origin': '*', ...answer.headers },
      contentType: answer.contentType ?? 'application/json',
      body: answer.body ?? '',
    }),
  );
  // Whether a modal was ever attached, kept across the navigation that fails open.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('cancelflow-modal')) sessionStorage.setItem('cf-modal-seen', '1');
    }).observe(document, { childList: true, subtree: true });
  });
  const warnings = cancelflowWarnings(page);
  await page.goto(`/pages/rich.html?endpoint=/api-x&token=eyJ.token.sig`);
  await loaderReady(page);
  return warnings;
}

const cases: [string, Answer, RegExp][] = [
  [
    '200 with HTML',
    { status: 200, contentType: 'text/html', body: '<!doctype html><p>Welcome' },
    /answered 200: no JSON body/,
  ],
  ['200 with invalid JSON', { status: 200, body: '{"sessionId": "ses_1",' }, /answered 200: no JSON body/],
  ['204 to the session start', { status: 204 }, /answered 204/],
  ['500 with an HTML body', { status: 500, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }, /answered 500/],
  [
    '200 with JSON that is not a session',
    { status: 200, body: '{"ok":true}' },
    /\/api-x\/v1\/sessions answered 200 .*not a session \(is the endpoint a cancelflow server\?\)/,
  ],
  [
    '200 with a JSON array',
    { status: 200, body: '[1,2]' },
    /\/api-x\/v1\/sessions answered 200 .*not a session \(is the endpoint a cancelflow server\?\)/,
  ],
  [
    '200 with a JSON string',
    { status: 200, body: '"ok"' },
    /\/api-x\/v1\/sessions answered 200 .*not a session \(is the endpoint a cancelflow server\?\)/,
  ],
  // fetch follows it; the other origin (localhost for 127.0.0.1) allows no CORS, so the browser hides why.
  [
    'a redirect to another origin',
    { status: 302, headers: { location: 'http://localhost:1/v1/sessions' } },
    /\/api-x\/v1\/sessions failed .*among the site's origins/,
  ],
];

test('a server on another origin that sends no CORS headers: the link navigates, and the warning names the origin to allow', async ({
  page,
  baseURL,
}) => {
  // The host server itself, under another name: it answers without any CORS header (a route fulfilled
  // by Playwright would not be checked for CORS).
  const other = (baseURL as string).replace('127.0.0.1', 'localhost');
  const warnings = cancelflowWarnings(page);
  await page.goto(`/pages/rich.html?endpoint=${other}/api-500&token=eyJ.token.sig`);
  await loaderReady(page);
  await page.locator('#link').click();
  await page.waitForURL('**/account/cancelled?via=rich');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    /localhost:\d+\/api-500\/v1\/sessions failed .*127\.0\.0\.1:\d+ is among the site's origins/,
  );
});

for (const [name, answer, cause] of cases) {
  test(`the server answers ${name}: the link navigates, no modal, and the warning says what came back`, async ({
    page,
  }) => {
    const warnings = await serverAnswering(page, answer);
    // Hovering fetches the preview, which gets the same garbage.
    await page.locator('#link').hover();
    await page.locator('#link').click();
    await page.waitForURL('**/account/cancelled?via=rich');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(cause);
    expect(await page.evaluate(() => sessionStorage.getItem('cf-modal-seen'))).toBeNull();
  });
}
