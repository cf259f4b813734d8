/**
 * `cancelflow demo` end to end in Chromium: the demo account page (another origin than the reference
 * server), the widget loaded from the server, a token per page view. The switcher's subscribers see
 * different flows — targeting, the experiment's variants and holdout, and the compliance profiles of
 * their jurisdiction — and the page shows the demo ledger's state after a save or a cancel.
 */
import { runDemo } from '../../packages/cli/test/demo-run.ts';
import { expect, type Page, test } from './fixtures.ts';

let demo: Awaited<ReturnType<typeof runDemo>>;
test.beforeAll(async () => {
  demo = await runDemo({ sessions: 300 });
});
test.afterAll(async () => {
  await demo?.remove();
});

async function openAs(page: Page, subscriber: string, lang = '') {
  await page.goto(`${demo.pageUrl}?as=${subscriber}${lang ? `&lang=${lang}` : ''}`);
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
}

/** Opens the flow with the page's Cancel button, picks "too expensive" and goes on: returns the next dialog. */
async function tooExpensive(page: Page) {
  await page.locator('#cancel-button').click();
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await survey.locator('input[value="too_expensive"]').check();
  await survey.getByRole('button', { name: 'Continue', exact: true }).click();
}

const ledgerStatus = (page: Page) => page.locator('#subscription [data-status]');

test('Dana (New York, default variant): a discount for "too expensive", and the ledger shows it applied', async ({
  page,
}) => {
  await openAs(page, 'cus_dana');
  await expect(ledgerStatus(page)).toHaveText('active');
  await tooExpensive(page);
  const offer = page.getByRole('dialog', { name: 'Before you go' });
  await expect(offer).toContainText('30% off for 3 months');
  await offer.getByRole('button', { name: 'Accept discount' }).click();
  const saved = page.getByRole('dialog', { name: 'Thank you for staying' });
  await saved.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('#outcome')).toContainText('Outcome: saved, reason too_expensive, offer discount_30');
  await expect(page.locator('#subscription')).toContainText('30% off until');
  await expect(page.locator('#subscription')).toContainText('STAY30');
});

test('Ava (California, experiment variant "pause"): the same reason is answered with a pause', async ({ page }) => {
  await openAs(page, 'cus_ava');
  await expect(page.locator('[data-variant]')).toHaveText('pause');
  await tooExpensive(page);
  const offer = page.getByRole('dialog', { name: 'Before you go' });
  await expect(offer).toContainText('Pause your subscription');
  await expect(offer.getByRole('button', { name: 'Continue to cancel' })).toBeVisible(); // us-ca: beside the offer
  await offer.getByRole('button', { name: 'Pause subscription' }).click();
  await page.getByRole('dialog', { name: 'Thank you for staying' }).getByRole('button', { name: 'Done' }).click();
  await expect(ledgerStatus(page)).toHaveText('paused');
  await expect(page.locator('#subscription')).toContainText('Paused until');
});

test('Ruth (a long-time Pro customer, targeting): a switch to the Starter plan', async ({ page }) => {
  await openAs(page, 'cus_ruth');
  await tooExpensive(page);
  const offer = page.getByRole('dialog', { name: 'Before you go' });
  await offer.getByRole('button', { name: 'Switch to Starter' }).click();
  await page.getByRole('dialog', { name: 'Thank you for staying' }).getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('#subscription')).toContainText('starter');
});

test('Erik (Minnesota): no offer before the cancel; the cancel link proceeds and the ledger says cancelling', async ({
  page,
}) => {
  await openAs(page, 'cus_erik');
  await page.locator('#cancel-link').click();
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await survey.locator('input[value="too_expensive"]').check();
  await survey.getByRole('button', { name: 'Continue', exact: true }).click();
  // Straight to the feedback step: us-mn forbids retention offers during cancellation.
  const feedback = page.getByRole('dialog', { name: 'Anything else you want to tell us?' });
  await feedback.getByRole('button', { name: 'Continue to cancel' }).click();
  await page
    .getByRole('dialog', { name: 'Confirm cancellation' })
    .getByRole('button', { name: 'Cancel subscription' })
    .click();
  const done = page.getByRole('dialog', { name: 'Your subscription is cancelled' });
  await expect(done).toContainText('Take your data with you'); // an offer may follow once the cancel is done
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(page).toHaveURL(/via=link/);
  await expect(page.locator('.notice')).toContainText(
    "The site's own cancel action ran (via link) after cancelflow confirmed the cancellation.",
  );
  await expect(ledgerStatus(page)).toHaveText('cancelling');
  await expect(page.locator('#subscription')).toContainText('cancellation receipt');
});

test('Dana, with the reference server unreachable: the flow fails open, and the page does not claim a confirmed cancel', async ({
  page,
}) => {
  await page.route('**/v1/sessions', (route) => route.abort('connectionrefused'));
  await page.route('**/v1/preview', (route) => route.abort('connectionrefused'));
  await openAs(page, 'cus_dana');
  await page.locator('#cancel-link').click();
  await expect(page).toHaveURL(/via=link/, { timeout: 20_000 });
  await expect(page.locator('.notice')).toContainText('without a cancellation confirmed by cancelflow');
  await expect(ledgerStatus(page)).toHaveText('active');
});

test('Jonas (Germany): the confirm page first, in German, with "Jetzt kündigen"; the form submits after', async ({
  page,
}) => {
  await openAs(page, 'cus_jonas');
  await page.locator('#cancel-form-submit').click();
  const confirm = page.getByRole('dialog', { name: 'Kündigung bestätigen' });
  await expect(confirm).toBeVisible();
  await expect(confirm.locator('input[type="radio"]')).toHaveCount(0); // no question before it
  await confirm.getByRole('button', { name: 'Jetzt kündigen' }).click();
  // The cancel is done; the optional questions follow it.
  const survey = page.getByRole('dialog', { name: 'Warum möchten Sie kündigen?' });
  await survey.locator('input[value="missing_features"]').check();
  await survey.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Möchten Sie uns noch etwas mitteilen?' })
    .getByRole('button', { name: 'Weiter', exact: true })
    .click();
  const done = page.getByRole('dialog', { name: 'Ihr Abonnement ist gekündigt' });
  await expect(done).toBeVisible();
  await done.getByRole('button', { name: 'Fertig' }).click();
  await expect(page).toHaveURL(/via=form/);
  await expect(ledgerStatus(page)).toHaveText('cancelling');
});

test('Lena (Netherlands, signed up 5 days ago): withdraws from the contract, and the receipt says so', async ({
  page,
}) => {
  await openAs(page, 'cus_lena');
  await page.locator('#cancel-button').click();
  await page
    .getByRole('dialog', { name: 'Why are you leaving?' })
    .getByRole('button', { name: 'Continue to cancel' })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Confirm cancellation' });
  await confirm.getByRole('button', { name: 'Withdraw from the contract' }).click();
  const done = page.getByRole('dialog', { name: 'You have withdrawn from the contract' });
  await expect(
    done.getByText('Refund: You withdrew from the contract: everything you paid is refunded.'),
  ).toBeVisible();
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(ledgerStatus(page)).toHaveText('cancelled');
});

test('Ben (experiment holdout): no offer at all, and the switcher and reset work', async ({ page }) => {
  await openAs(page, 'cus_ben');
  await expect(page.locator('[data-variant]')).toHaveText('holdout');
  await tooExpensive(page);
  await expect(page.getByRole('dialog', { name: 'Anything else you want to tell us?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('#outcome')).toContainText('abandoned');

  await page.locator('#as').selectOption('cus_dana');
  await expect(page).toHaveURL(/as=cus_dana/);
  await expect(page.locator('main')).toHaveAttribute('data-subscriber', 'cus_dana');
  await page.locator('#reset').click();
  await expect(page.locator('.notice')).toContainText('Dana was reset');
  await expect(ledgerStatus(page)).toHaveText('active');
});

test('the insights page reads the sample history and the sessions just made', async ({ page }) => {
  await page.goto(`${demo.pageUrl}insights`);
  const sessions = Number(await page.locator('#sessions').textContent());
  expect(sessions).toBeGreaterThanOrEqual(300);
  await expect(page.getByRole('heading', { name: /pause_vs_discount/ })).toBeVisible();
  // The holdout row, named once, and the lift of the others in percentage points (a difference of rates).
  const rows = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'lift vs holdout' }) });
  await expect(rows.getByRole('cell', { name: 'holdout', exact: true })).toHaveCount(1);
  await expect(rows.getByRole('cell', { name: /^[+−]\d+\.\d pts$/ })).toHaveCount(2);
  await expect(page.locator('.feedback li').first()).toContainText('[sample]');
});
