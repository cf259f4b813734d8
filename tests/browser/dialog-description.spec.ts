/**
 * The dialog's accessible description as Chromium computes it — its accessibility tree over CDP, what
 * a screen reader is handed when the dialog opens or its step changes — on the offer step, the one step
 * without a built-in description. The offer itself is what that step is about, so its title and text
 * describe the dialog (they used to leave the description empty: the dialog was announced by its
 * heading alone, "Before you go", and nothing about the offer). axe's scans of the offer states are in
 * a11y.spec.ts.
 */

import { scan } from './axe-scan.ts';
import { expect, type Page, test } from './fixtures.ts';
import { dialog, loaderReady, offerFirst } from './flow.ts';

/**
 * The text of each element the dialog's aria-describedby names, `null` for a name with no element: a
 * name must point at something to announce, else the attribute should not be there.
 */
const describedBy = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('cancelflow-modal')?.shadowRoot;
    const ids = root?.querySelector('[role="dialog"]')?.getAttribute('aria-describedby');
    return ids
      ?.split(/\s+/)
      .filter(Boolean)
      .map((id) => root?.getElementById(id)?.textContent ?? null);
  });

/** The description of the page's dialog in Chromium's accessibility tree. */
async function dialogDescription(page: Page): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const dialogs = nodes.filter((node) => node.role?.value === 'dialog' && !node.ignored);
  expect(dialogs).toHaveLength(1);
  return dialogs[0]?.description?.value as string | undefined;
}

async function openOfferFirst(page: Page, flow: object) {
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: flow }));
  await page.goto('/pages/triggers.html');
  await page.locator('#button').click();
  const offer = dialog(page, 'Before you go');
  await expect(offer.getByRole('heading', { name: '25% off for 3 months' })).toBeVisible();
}

test('an offer step without a description of its own: the offer’s title and text describe the dialog', async ({
  page,
}) => {
  await openOfferFirst(page, offerFirst);
  expect(await dialogDescription(page)).toBe(
    '25% off for 3 months Keep your plan at a lower price. After that, the regular price applies again.',
  );
  // Not the step's description, which it has none of (it used to name an empty, hidden one).
  expect(await describedBy(page)).toEqual([
    '25% off for 3 monthsKeep your plan at a lower price. After that, the regular price applies again.',
  ]);
});

test('an offer step with its own description: that description, then the offer’s title and text', async ({ page }) => {
  const steps = offerFirst.steps.map((step) =>
    step.type === 'offer' ? { ...step, description: 'One thing before you decide.' } : step,
  );
  await openOfferFirst(page, { ...offerFirst, steps });
  await expect(dialog(page, 'Before you go').getByText('One thing before you decide.')).toBeVisible();
  expect(await dialogDescription(page)).toBe(
    'One thing before you decide. 25% off for 3 months Keep your plan at a lower price. After that, the regular price applies again.',
  );
});

/** A static flow that opens on a custom step (rendered by the page's own code), then confirms. */
const customFirst = (description?: string) => ({
  id: 'custom-first',
  version: 1,
  policy: { effective: 'period_end', refund: { type: 'none' } },
  offers: {},
  steps: [
    { id: 'nps', type: 'custom', kind: 'nps', title: 'One quick question', ...(description && { description }) },
    { id: 'confirm', type: 'confirm' },
    { id: 'done', type: 'done' },
  ],
});

async function openCustomFirst(page: Page, flow: object) {
  await page.route('**/pages/flow-custom.json', (route) => route.fulfill({ json: flow }));
  await page.goto('/pages/rich.html');
  await loaderReady(page);
  await page.evaluate(() => {
    void (window as unknown as { cancelflow: { open(options: object): Promise<unknown> } }).cancelflow.open({
      flow: '/pages/flow-custom.json',
      renderers: {
        steps: {
          nps: (container: HTMLElement) => {
            container.innerHTML =
              '<label><input type="range" min="0" max="10"> How likely are you to recommend us?</label>';
          },
        },
      },
    });
  });
  const step = dialog(page, 'One quick question');
  await expect(step.getByRole('slider', { name: 'How likely are you to recommend us?' })).toBeVisible();
  return step;
}

test('a custom step without a description: the dialog has no aria-describedby, and no description', async ({
  page,
}) => {
  await openCustomFirst(page, customFirst());
  // It used to name the step's hidden, empty description, and an offer that is not there.
  expect(await describedBy(page)).toBeUndefined();
  expect(await dialogDescription(page)).toBeFalsy();
  const { inShadow, violations } = await scan(page);
  expect(inShadow).toBe(true);
  expect(violations).toEqual([]);
});

test('a custom step with a description: that description, and nothing else', async ({ page }) => {
  await openCustomFirst(page, customFirst('It helps us improve.'));
  expect(await describedBy(page)).toEqual(['It helps us improve.']);
  expect(await dialogDescription(page)).toBe('It helps us improve.');
});

test('the survey and the confirm step: each described by its built-in description alone', async ({ page }) => {
  await page.goto('/pages/rich.html');
  await page.locator('#link').click();
  const survey = dialog(page, 'Why are you leaving?');
  await expect(survey).toBeVisible();
  expect(await describedBy(page)).toEqual([
    "We're sorry to see you go. Choosing a reason is optional. It helps us improve.",
  ]);
  await survey.getByRole('button', { name: 'Continue to cancel' }).click();
  await expect(dialog(page)).toBeVisible();
  expect(await describedBy(page)).toEqual(['Of course. Please check the details below before you cancel.']);
  expect(await dialogDescription(page)).toBe('Of course. Please check the details below before you cancel.');
});
