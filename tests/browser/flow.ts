import { expect, type Page } from '@playwright/test';

/** The modal, by the heading of the step it shows. */
export const dialog = (page: Page, name: string | RegExp = 'Confirm cancellation') =>
  page.getByRole('dialog', { name });

/** The console warnings cancelflow writes on `page` from now on (kept across navigations). */
export function cancelflowWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('cancelflow:')) warnings.push(message.text());
  });
  return warnings;
}

/** Waits until the loader has installed `window.cancelflow`. */
export async function loaderReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
}

/**
 * A static flow's confirm step: confirming ends the flow at once, with no receipt (nothing is cancelled
 * until the trigger's own action runs, which follows now).
 */
export async function confirmStatic(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
}

/** With the reference server: confirms the cancellation, then closes the receipt; the trigger's own action follows. */
export async function confirmAndClose(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
  const done = dialog(page, 'Your subscription is cancelled');
  await expect(done).toBeVisible();
  await done.getByRole('button', { name: 'Done' }).click();
}

/** From the survey: "Continue to cancel", confirm, close the receipt — a cancel in two clicks. */
export async function cancelFromSurvey(page: Page): Promise<void> {
  await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).click();
  await confirmAndClose(page);
}

/** A static flow that opens on an offer, whose view and strings are not in the UI chunk. */
export const offerFirst = {
  id: 'offer-first',
  version: 1,
  policy: { effective: 'period_end', refund: { type: 'none' } },
  offers: { discount: { type: 'discount', percentOff: 25, months: 3, coupon: 'STAY25' } },
  steps: [
    { id: 'offer', type: 'offer', offer: 'discount' },
    { id: 'confirm', type: 'confirm' },
    { id: 'done', type: 'done' },
  ],
};
