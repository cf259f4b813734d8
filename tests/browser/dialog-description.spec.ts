/**
 * The dialog's accessible description as Chromium computes it — its accessibility tree over CDP, what
 * a screen reader is handed when the dialog opens or its step changes — on the offer step, the one step
 * without a built-in description. The offer itself is what that step is about, so its title and text
 * describe the dialog (they used to leave the description empty: the dialog was announced by its
 * heading alone, "Before you go", and nothing about the offer). axe's scans of the offer states are in
 * a11y.spec.ts.
 */
import { expect, type Page, test } from './fixtures.ts';
import { dialog, offerFirst } from './flow.ts';

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
