/**
 * Keyboard only, when the control that has the focus goes away under it without a new step (whose
 * heading would take the focus): the focus stays inside the dialog, where Escape and Tab are handled,
 * instead of falling to the page's body behind the modal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGS, recentSubscriber, subscriber } from './a11y-states.ts';
import { expect, type Page, test } from './fixtures.ts';
import { loaderReady } from './flow.ts';
import { focused } from './focus.ts';
import { referenceServer, siteToken } from './reference-server.ts';

const FLOW_FILE = fileURLToPath(new URL('./pages/flow-rich.json', import.meta.url));
const en = CATALOGS.en;

/** rich.html against `endpoint` for `claims`, the flow opened through the public API, focus on "Continue to cancel". */
async function openOn(page: Page, endpoint: string, claims: Record<string, unknown>): Promise<void> {
  await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(endpoint)}&token=${siteToken(claims)}`);
  await loaderReady(page);
  await page.evaluate((who) => {
    const api = (window as unknown as { cancelflow: { open(o: object): Promise<unknown> } }).cancelflow;
    (window as unknown as { outcome: Promise<unknown> }).outcome = api.open({ subscriber: who });
  }, claims);
  await page
    .getByRole('dialog', { name: en['survey.title'] })
    .getByRole('button', { name: en['dialog.continueToCancel'] })
    .focus();
}

/** Focus is in the dialog, and Tab and Escape work from there: Tab reaches `firstStop`, Escape closes. */
async function keyboardStillWorks(page: Page, firstStop: string, outcome: string): Promise<void> {
  expect(await focused(page)).toMatchObject({ inDialog: true });
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ inDialog: true, name: firstStop });
  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  const settled = await page.evaluate(() => (window as unknown as { outcome: Promise<unknown> }).outcome);
  expect(settled).toMatchObject({ status: outcome });
}

test('a withdrawal the server refuses (its period ended meanwhile) removes the focused button: focus stays in the dialog, Escape still closes it', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(new URL(baseURL ?? '').origin, FLOW_FILE);
  try {
    await openOn(page, server.url, recentSubscriber());
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: en['confirm.title'] });
    const withdraw = confirm.getByRole('button', { name: en['confirm.withdraw'] });
    await expect(withdraw).toBeVisible();
    // The server's own refusal (packages/server/src/cancel/confirm.ts) when the 14 days ended while the
    // dialog was open: the browser's clock said the period lasted, the server's says it is over.
    await page.route('**/v1/sessions/*/cancel', (route) =>
      route.fulfill({
        status: 422,
        json: {
          error: { code: 'unprocessable', message: 'the withdrawal period ended', withdrawalEnded: '2026-07-14' },
        },
      }),
    );
    await withdraw.focus();
    await page.keyboard.press('Enter');
    await expect(confirm.getByRole('alert')).toContainText('July 14, 2026');
    await expect(withdraw).toHaveCount(0);
    await keyboardStillWorks(page, en['dialog.back'], 'abandoned');
  } finally {
    await server.close();
  }
});

test('"No thanks" on the offer after a cancel removes the offer with the focused link: focus stays in the dialog, Escape still closes it', async ({
  page,
  baseURL,
}) => {
  // flow-rich.json with an offer on its done step (shown once the cancel is done).
  const dir = mkdtempSync(join(tmpdir(), 'cancelflow-winback-'));
  const flow = JSON.parse(readFileSync(FLOW_FILE, 'utf8'));
  flow.steps = flow.steps.map((step: { type: string }) => (step.type === 'done' ? { ...step, offer: 'pause' } : step));
  writeFileSync(join(dir, 'flow.json'), JSON.stringify(flow));
  const server = await referenceServer(new URL(baseURL ?? '').origin, join(dir, 'flow.json'));
  try {
    await openOn(page, server.url, subscriber());
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: en['confirm.title'] });
    await confirm.getByRole('button', { name: en['confirm.button'] }).focus();
    await page.keyboard.press('Enter');
    const done = page.getByRole('dialog', { name: en['done.cancelledTitle'] });
    const decline = done.getByRole('button', { name: en['offer.decline'] });
    await decline.focus();
    await page.keyboard.press('Enter');
    await expect(decline).toHaveCount(0);
    await expect(done.locator('.offer')).toHaveCount(0);
    await keyboardStillWorks(page, en['dialog.close'], 'cancelled');
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
