import { expect, type Page, test } from './fixtures.ts';
import { confirmStatic, dialog } from './flow.ts';

async function echo(page: Page) {
  await page.waitForURL('**/account/cancelled**');
  return JSON.parse((await page.locator('#echo').textContent()) ?? '{}');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/pages/triggers.html');
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
});

test('a link opens the flow instead of navigating, and navigates after a confirmed cancel', async ({ page }) => {
  await page.locator('#link').click();
  await expect(dialog(page)).toBeVisible();
  expect(page.url()).toContain('/pages/triggers.html');
  await confirmStatic(page);
  expect(await echo(page)).toMatchObject({ method: 'GET', query: { via: 'link' } });
});

test('a form submits with the submitter it was submitted with, after a confirmed cancel', async ({ page }) => {
  await page.locator('#form-later').click();
  await expect(dialog(page)).toBeVisible();
  await confirmStatic(page);
  expect(await echo(page)).toMatchObject({
    method: 'POST',
    query: { via: 'form' },
    body: { note: 'from the form', when: 'period-end' },
  });
});

test("a button's own click handler runs only after a confirmed cancel", async ({ page }) => {
  await page.locator('#button').click();
  await expect(dialog(page)).toBeVisible();
  await expect(page.locator('#button-result')).toHaveText('');
  await confirmStatic(page);
  await expect(page.locator('#button-result')).toHaveText('site handler ran');
  await expect(dialog(page)).toHaveCount(0);
});

test('a trigger added after page load is intercepted too', async ({ page }) => {
  await page.evaluate(() => (window as unknown as { addLateTrigger: () => void }).addLateTrigger());
  await page.locator('#late-link').click();
  await expect(dialog(page)).toBeVisible();
  await confirmStatic(page);
  expect(await echo(page)).toMatchObject({ query: { via: 'late' } });
});

test('keeping the subscription (or Escape) leaves the page and the site handler alone', async ({ page }) => {
  await page.locator('#button').click();
  await dialog(page).getByRole('button', { name: 'Keep my subscription' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await page.locator('#link').click();
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator('#button-result')).toHaveText('');
  expect(page.url()).toContain('/pages/triggers.html');
});

test('the outcome is announced as DOM events on the trigger', async ({ page }) => {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    for (const name of ['open', 'saved', 'cancelled', 'close', 'error']) {
      document.addEventListener(`cancelflow:${name}`, (e) => {
        seen.push(`${name}:${(e.target as Element).id}:${(e as CustomEvent).detail?.status ?? 'none'}`);
      });
    }
  });
  await page.locator('#button').click();
  await confirmStatic(page);
  await expect(page.locator('#button-result')).toHaveText('site handler ran');
  expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([
    'open:button:none',
    'cancelled:button:cancelled',
    'close:button:cancelled',
  ]);
});

test.describe('a trigger the page rendered again while the flow was open (an SPA)', () => {
  const renderAgain = (page: Page) =>
    page.evaluate(() => (window as unknown as { renderAgain: () => void }).renderAgain());

  test('the form in the page now submits, with its submitter', async ({ page }) => {
    await page.locator('#form-later').click();
    await expect(dialog(page)).toBeVisible();
    await renderAgain(page);
    await confirmStatic(page);
    expect(await echo(page)).toMatchObject({
      method: 'POST',
      query: { via: 'form' },
      body: { note: 'from the form', when: 'period-end' },
    });
  });

  test("the button in the page now gets the click, so the site's handler runs and hears the outcome", async ({
    page,
  }) => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      for (const name of ['cancelled', 'close']) document.addEventListener(`cancelflow:${name}`, () => seen.push(name));
    });
    await page.locator('#spa-button').click();
    await expect(dialog(page)).toBeVisible();
    await renderAgain(page);
    await confirmStatic(page);
    await expect(page.locator('#spa-result')).toHaveText('site handler ran');
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['cancelled', 'close']);
  });

  test('a keyboard user who closes the flow gets the focus back on the button in the page, not on <body>', async ({
    page,
  }) => {
    await page.locator('#spa-button').focus();
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
    await renderAgain(page);
    await page.keyboard.press('Escape');
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    await expect(page.locator('#spa-button')).toBeFocused();
    // The focus is where the subscriber can go on from: Enter opens the flow again.
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
  });
});
