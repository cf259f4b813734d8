import { expect, type Page, test } from './fixtures.ts';
import { dialog, offerFirst } from './flow.ts';

// The UI chunk holds the survey, which most flows open with; a flow that opens on another step waits
// for that step's code and strings before its first render, and gets them while the page prepares
// (docs/widget.md). Each test serves its flow in place of triggers.html's static flow.

/** A message key shown instead of its string (`offer.title`, `confirm.button`, …). */
const RAW_KEY = /\b(dialog|survey|offer|discount|confirm|support|error|done|receipt)\.[a-z]+/i;

/**
 * Records, in the page, what the modal's first render held: every shadow root is watched from its
 * creation, and the first time a dialog appears in one its heading and text are kept.
 */
function watchFirstRender() {
  const w = window as unknown as { firstRender?: { heading: string | null; text: string } };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    new MutationObserver((_, observer) => {
      const shown = root.querySelector('[role="dialog"]');
      if (!shown || w.firstRender) return;
      observer.disconnect();
      w.firstRender = { heading: shown.querySelector('h2')?.textContent ?? null, text: shown.textContent ?? '' };
    }).observe(root, { childList: true, subtree: true });
    return root;
  };
}

const firstRender = (page: Page) =>
  page.evaluate(() => (window as unknown as { firstRender?: { heading: string | null; text: string } }).firstRender);

/** Requests whose answer has arrived, by path. */
function finished(page: Page): string[] {
  const paths: string[] = [];
  page.on('requestfinished', (request) => paths.push(new URL(request.url()).pathname));
  return paths;
}

test('a flow that opens on an offer shows the offer, in words, in its first render, though its code comes late', async ({
  page,
}) => {
  await page.addInitScript(watchFirstRender);
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: offerFirst }));
  // A slow server for the offer's code: the modal must wait for it rather than show an empty frame.
  await page.route('**/chunks/OfferStep-*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.goto('/pages/triggers.html');
  await page.locator('#link').click();
  const offer = dialog(page, 'Before you go');
  await expect(offer).toBeVisible();
  await expect(offer.getByRole('button', { name: 'Accept discount' })).toBeVisible();
  const first = await firstRender(page);
  expect(first?.heading).toBe('Before you go');
  expect(first?.text).toContain('Accept discount');
  expect(first?.text).not.toMatch(RAW_KEY);
});

test('a flow that opens on its confirm step is prepared whole once the page is idle: the click needs no more code or strings', async ({
  page,
}) => {
  await page.addInitScript(watchFirstRender);
  const done = finished(page);
  await page.goto('/pages/triggers.html');
  // Prepared at idle: the confirm step's code and two parts of the English strings (the frame's, the confirm step's).
  await expect
    .poll(() => done.filter((path) => /\/chunks\/ConfirmStep-/.test(path)).length, { timeout: 20_000 })
    .toBe(1);
  await expect
    .poll(() => done.filter((path) => /\/chunks\/en-[\w-]+\.js$/.test(path)).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  // From now on no chunk is ever answered: the first screen must not need one.
  await page.route('**/chunks/**', () => {});
  await page.locator('#link').click();
  const confirm = dialog(page);
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel subscription' })).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Keep my subscription' })).toBeVisible();
  const first = await firstRender(page);
  expect(first?.heading).toBe('Confirm cancellation');
  expect(first?.text).not.toMatch(RAW_KEY);
});

test('a flow that opens on its confirm step labels its support links in words, even when their strings come last', async ({
  page,
}) => {
  const flow = {
    id: 'browser-tests',
    version: 1,
    policy: { effective: 'period_end', refund: { type: 'none' }, support: { email: 'help@example.com' } },
    steps: [
      { id: 'confirm', type: 'confirm' },
      { id: 'done', type: 'done' },
    ],
  };
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: flow }));
  // The strings that hold the links' labels arrive after everything else the step shows.
  await page.route('**/chunks/en-*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('Email us')) await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fulfill({ response, body });
  });
  await page.goto('/pages/triggers.html');
  await page.locator('#link').click();
  const confirm = dialog(page);
  await expect(confirm.getByRole('heading', { name: 'Questions? Contact us' })).toBeVisible();
  await expect(confirm.getByRole('link', { name: 'Email us' })).toHaveAttribute('href', 'mailto:help@example.com');
  expect(await confirm.textContent()).not.toMatch(RAW_KEY);
});
