/**
 * Keyboard only, from the host page's cancel link: Tab, Shift+Tab, arrows, Enter, Space and Escape
 * complete a save and a cancel, focus stays inside the open dialog, and returns to the link when the
 * dialog closes without navigating.
 */
import { expect, type Page, test } from './fixtures.ts';
import { focused } from './focus.ts';

/** Presses Tab (or Shift+Tab) until the focused element's name is `name`; fails after `max` presses. */
async function tabTo(page: Page, name: string, { back = false, max = 12 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    expect(now.inDialog, `focus stays in the dialog (at ${now.tag} "${now.name}")`).toBe(true);
    if (now.name === name) return;
  }
  throw new Error(`"${name}" was not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Records the outcome events on the page, and starts with the keyboard on the host page's cancel link. */
async function focusTrigger(page: Page): Promise<void> {
  await page.goto('/pages/rich.html');
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.evaluate(() => {
    for (const name of ['saved', 'cancelled', 'close']) {
      document.addEventListener(`cancelflow:${name}`, (event) => {
        sessionStorage.setItem(`cf-${name}`, JSON.stringify((event as CustomEvent).detail));
      });
    }
  });
  await page.keyboard.press('Tab'); // the first thing Tab reaches on the page
  expect(await focused(page)).toMatchObject({ tag: 'a', id: 'link', inDialog: false });
}

const stored = (page: Page, name: string) =>
  page.evaluate((key) => JSON.parse(sessionStorage.getItem(`cf-${key}`) ?? 'null'), name);

async function expectStep(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('dialog', { name: title })).toBeVisible();
  // Each step moves focus to its heading, so a screen reader announces it.
  expect(await focused(page)).toMatchObject({ tag: 'h2', name: title, inDialog: true });
}

test('keyboard only: a save (pause for two months) — arrows move the radio choices, focus returns to the link', async ({
  page,
}) => {
  await focusTrigger(page);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Why are you leaving?');

  await page.keyboard.press('Tab'); // into the reasons: one Tab stop for the whole group
  expect(await focused(page)).toMatchObject({ value: 'too_expensive', checked: false });
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatchObject({ value: 'not_using', checked: true });
  await page.keyboard.press('Tab'); // out of the group, to the first button
  expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Continue' });
  await page.keyboard.press('Enter');

  await expectStep(page, 'Before you go');
  const dialog = page.getByRole('dialog', { name: 'Before you go' });
  await expect(dialog.getByRole('heading', { name: 'Pause your subscription' })).toBeVisible();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ name: '1 month', checked: true });
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatchObject({ name: '2 months', checked: true });
  await tabTo(page, 'Pause subscription');
  await page.keyboard.press('Enter');

  // A static flow: the site applies the pause on `saved`, so the flow ends as the offer is taken.
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  expect(await stored(page, 'saved')).toMatchObject({ status: 'saved', reason: 'not_using', offer: 'pause' });
  expect(await focused(page)).toMatchObject({ tag: 'a', id: 'link', inDialog: false });
  expect(new URL(page.url()).pathname).toBe('/pages/rich.html');
});

test('keyboard only: a cancel with a follow-up answer and feedback — Space confirms, the link then navigates', async ({
  page,
}) => {
  await focusTrigger(page);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Why are you leaving?');

  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp'); // wraps to the last reason
  expect(await focused(page)).toMatchObject({ value: 'missing_features', checked: true });
  await page.keyboard.press('Tab'); // the follow-up question appeared after the group
  expect(await focused(page)).toMatchObject({ tag: 'textarea' });
  await page.keyboard.type('Shared dashboards');
  await tabTo(page, 'Continue');
  await page.keyboard.press('Enter');

  await expectStep(page, 'Anything else you want to tell us?');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'textarea' });
  await page.keyboard.type('Great support team.');
  await expect(page.getByRole('dialog').getByText('19 of 500 characters')).toBeVisible();
  await tabTo(page, 'Continue to cancel'); // the feedback step's one way on: the confirm step is next
  await page.keyboard.press('Enter');

  await expectStep(page, 'Confirm cancellation');
  await tabTo(page, 'Cancel subscription');
  await page.keyboard.press('Space');

  // A confirmed cancel of a static flow: no receipt claims what the site has not done yet; the link's
  // own action (navigation) proceeds at once.
  await page.waitForURL('**/account/cancelled?via=rich');
});

test('keyboard only: the fastest cancel is "Continue to cancel", then the cancel button', async ({ page }) => {
  await focusTrigger(page);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Why are you leaving?');
  await tabTo(page, 'Continue to cancel');
  await page.keyboard.press('Enter');
  await expectStep(page, 'Confirm cancellation');
  await tabTo(page, 'Cancel subscription');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/account/cancelled?via=rich');
});

test('focus is trapped in the dialog both ways, and Escape restores it to the link', async ({ page }) => {
  await focusTrigger(page);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Why are you leaving?');

  // Forward: the survey's stops are the reasons, the two buttons, then around to "Close".
  const forward: string[] = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.inDialog, `Tab ${i + 1} stays in the dialog`).toBe(true);
    forward.push(now.name);
  }
  expect(forward.slice(0, 5)).toEqual([
    "It's too expensive",
    'Continue',
    'Continue to cancel',
    'Close',
    "It's too expensive",
  ]);

  // Backward from "Close" (the first stop) wraps to the last.
  await tabTo(page, 'Close');
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ name: 'Continue to cancel', inDialog: true });
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).inDialog, `Shift+Tab ${i + 1} stays in the dialog`).toBe(true);
  }

  // A step with links last (the confirm step's support channels) wraps too.
  await tabTo(page, 'Continue to cancel');
  await page.keyboard.press('Enter');
  await expectStep(page, 'Confirm cancellation');
  const dialog = page.getByRole('dialog', { name: 'Confirm cancellation' });
  await expect(dialog.getByRole('link', { name: 'Book a call' })).toBeVisible();
  await tabTo(page, 'Book a call');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ name: 'Back', inDialog: true });
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ name: 'Book a call', inDialog: true });

  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  expect(await stored(page, 'close')).toMatchObject({ status: 'abandoned' });
  expect(await focused(page)).toMatchObject({ tag: 'a', id: 'link', inDialog: false });
  expect(new URL(page.url()).pathname).toBe('/pages/rich.html');
});

test("after a click on the dialog's text, Escape still closes it and Tab stays inside", async ({ page }) => {
  await focusTrigger(page);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Why are you leaving?');
  // A subscriber clicks (or selects) the description text, then goes back to the keyboard.
  await page.getByRole('dialog').getByText('Choosing a reason is optional.').click();
  await page.keyboard.press('Tab');
  expect((await focused(page)).inDialog, 'Tab after the click stays in the dialog').toBe(true);
  await page.getByRole('dialog').getByText('Choosing a reason is optional.').click();
  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  expect(await stored(page, 'close')).toMatchObject({ status: 'abandoned' });
  expect(await focused(page)).toMatchObject({ tag: 'a', id: 'link' });
});

test('after a click on the dimmed page around the dialog (or a double click on the link), Escape still closes it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await focusTrigger(page);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Why are you leaving?');
  // The backdrop, well outside the dialog: the focus must not fall to the page's <body>.
  await page.mouse.click(20, 780);
  expect((await focused(page)).inDialog, 'focus stays in the dialog').toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  expect(await stored(page, 'close')).toMatchObject({ status: 'abandoned' });

  // A double click on the link: its second click lands on the backdrop of the dialog the first opened.
  await page.locator('#link').dblclick();
  await expectStep(page, 'Why are you leaving?');
  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
});
