import type { Locator } from '@playwright/test';
import { expect, type Page, test } from './fixtures.ts';
import { confirmStatic, dialog, loaderReady } from './flow.ts';

async function openFlow(page: Page, path: string) {
  await page.goto(path);
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.locator('#link').click();
  await expect(dialog(page)).toBeVisible();
}

/** The element a click at the middle of `target` hits: `cancelflow-modal` when nothing covers it. */
async function hitAtMiddle(page: Page, target: Locator): Promise<string | undefined> {
  const at = await target.boundingBox();
  return page.evaluate(
    ([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.localName,
    [(at?.x ?? 0) + (at?.width ?? 0) / 2, (at?.y ?? 0) + (at?.height ?? 0) / 2],
  );
}

test('hostile global CSS on the host page does not reach the modal', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFlow(page, '/pages/hostile.html');
  const box = await dialog(page).boundingBox();
  expect(box).not.toBeNull();
  // Centred, on screen, and its own size — not the page's 40px root font or its hidden divs.
  expect(box?.width).toBeGreaterThan(300);
  expect(box?.width).toBeLessThanOrEqual(520);
  expect((box?.x ?? 0) + (box?.width ?? 0) / 2).toBeCloseTo(640, -1);
  const heading = dialog(page).getByRole('heading');
  const styles = await heading.evaluate((el) => {
    const s = getComputedStyle(el);
    return { fontSize: s.fontSize, color: s.color, family: s.fontFamily };
  });
  expect(styles.fontSize).toBe('20.8px');
  expect(styles.color).not.toBe('rgb(255, 0, 0)');
  expect(styles.family).not.toContain('Comic Sans');
  for (const name of ['Keep my subscription', 'Cancel subscription']) {
    const button = dialog(page).getByRole('button', { name });
    await expect(button).toBeVisible();
    const at = await button.boundingBox();
    expect(at?.height).toBeGreaterThanOrEqual(44);
    // Above the page's chat layer (z-index 2147483000), which covers the lower half: the button is what a click hits.
    expect(await hitAtMiddle(page, button)).toBe('cancelflow-modal');
  }
  // And the flow still works end to end.
  await confirmStatic(page);
  await page.waitForURL('**/account/cancelled?via=hostile');
});

test('a strict Content-Security-Policy page runs the flow with zero violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Refused to (CSP): ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const response = await page.goto('/pages/csp.html');
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.locator('#link').click();
  await expect(dialog(page)).toBeVisible();
  // Styled (the backdrop is dimmed), so the stylesheet applied despite style-src 'self'.
  const backdrop = await dialog(page).evaluate((el) => getComputedStyle(el.parentElement as Element).backgroundColor);
  expect(backdrop).toBe('rgba(0, 0, 0, 0.45)');
  await confirmStatic(page);
  await page.waitForURL('**/account/cancelled?via=csp');
  expect(violations).toEqual([]);
});

test('a host page zoomed with CSS (html { zoom: 2 }) keeps the whole dialog on screen, on desktop and mobile', async ({
  page,
}) => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 390, height: 700 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto('/pages/rich.html');
    await page.addStyleTag({ content: 'html { zoom: 2 }' });
    await loaderReady(page);
    await page.locator('#link').click();
    const survey = dialog(page, 'Why are you leaving?');
    await expect(survey).toBeVisible();
    // All of it, as the browser's own intersection observer sees it against the viewport.
    await expect(survey).toBeInViewport({ ratio: 1 });
    // What does not fit scrolls inside the dialog, down to its last button.
    const last = survey.getByRole('button', { name: 'Continue to cancel' });
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await survey.press('Escape');
    await expect(survey).toBeHidden();
  }
});

test('a page that transforms its <body> and lays overlays at the top z-index: the dialog is on screen, its choices uncovered', async ({
  page,
}) => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 375, height: 667 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto('/pages/rich.html');
    // A transform (or filter) makes <body> the containing block of `position: fixed` inside it; a cookie
    // banner and a header at the highest z-index cover the bottom and the top of the viewport.
    await page.addStyleTag({
      content: `body { transform: translateZ(0); filter: saturate(1); min-height: 4000px }
        .cookie, .header { position: fixed; left: 0; right: 0; height: 140px; z-index: 2147483647; background: #fc0 }
        .cookie { bottom: 0 } .header { top: 0 }`,
    });
    await page.evaluate(() => {
      for (const name of ['cookie', 'header'])
        document.body.append(Object.assign(document.createElement('div'), { className: name }));
      scrollTo(0, 1500);
    });
    await loaderReady(page);
    await page.evaluate(() => (document.querySelector('#link') as HTMLElement).click());
    const survey = dialog(page, 'Why are you leaving?');
    await expect(survey).toBeVisible();
    await expect(survey).toBeInViewport({ ratio: 1 });
    for (const name of ['Close', 'Continue to cancel']) {
      const control = survey.getByRole('button', { name, exact: true });
      await control.scrollIntoViewIfNeeded();
      expect(await hitAtMiddle(page, control), `${name} at ${viewport.width}px`).toBe('cancelflow-modal');
    }
    await survey.press('Escape');
    await expect(survey).toBeHidden();
  }
});
