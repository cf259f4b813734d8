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
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.localName,
      [(at?.x ?? 0) + (at?.width ?? 0) / 2, (at?.y ?? 0) + (at?.height ?? 0) / 2],
    );
    expect(hit).toBe('cancelflow-modal');
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
