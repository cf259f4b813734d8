import { expect, type Page, test } from './fixtures.ts';
import { cancelflowWarnings, dialog } from './flow.ts';

// Before the page is idle, intent on a trigger — hover, touch, keyboard focus — prepares the UI at once
// (docs/widget.md). Here the browser never runs idle callbacks, so only intent can fetch the UI.

/** Loads the triggers page without idle time; returns the UI chunk's requests, none so far. */
async function loadWithoutIdle(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/cancelflow-ui.js')) requested.push(request.url());
  });
  await page.goto('/pages/triggers.html');
  await page.waitForFunction(() => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version);
  expect(requested).toEqual([]);
  return requested;
}

test('hovering a trigger with a mouse fetches the UI before the page is idle', async ({ page }) => {
  const requested = await loadWithoutIdle(page);
  await page.locator('#link').hover();
  await expect.poll(() => requested.length).toBe(1);
});

test('keyboard focus on a trigger fetches the UI before the page is idle', async ({ page }) => {
  const requested = await loadWithoutIdle(page);
  await page.locator('#button').focus();
  await expect.poll(() => requested.length).toBe(1);
});

test.describe('with a touch screen', () => {
  test.use({ hasTouch: true });

  test('a finger on a trigger fetches the UI before it is lifted, before the page is idle', async ({ page }) => {
    const requested = await loadWithoutIdle(page);
    const box = await page.locator('#link').boundingBox();
    if (!box) throw new Error('the link has no box');
    const cdp = await page.context().newCDPSession(page);
    // Only the touch's start: no click follows, so nothing but the intent can fetch the UI.
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }],
    });
    await expect.poll(() => requested.length).toBe(1);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchCancel', touchPoints: [] });
  });
});

// The script tag's data-* attributes are read when they are needed, so a page may change them after
// the loader ran (a fresh data-token, another flow) and the next activation uses what they say then.
test('a data-flow changed after the loader ran is the one the next click opens', async ({ page }) => {
  const warnings = cancelflowWarnings(page);
  await page.goto('/pages/triggers.html');
  await page.locator('#button').click();
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();

  await page.evaluate(() => {
    const script = document.querySelector<HTMLScriptElement>('script[src="/cancelflow.js"]');
    if (script) script.dataset.flow = '/pages/flow-not-a-flow.json';
  });
  await page.locator('#link').click();
  // That file is no flow: the flow cannot start, and the link's own action proceeds.
  await page.waitForURL('**/account/cancelled?via=link');
  expect(warnings).toHaveLength(1);
});
