/**
 * A double tap on a phone (or a double click) on a step's button: its first tap moves the flow on, and
 * the new step is drawn at once, so its second tap lands on whatever button of the next step is now
 * under the finger — at 390 px, the survey's "Continue" sits where the offer's "Accept discount"
 * appears. That second tap must not take a decision the subscriber never saw: it is the browser's
 * second click of a pair (`detail` 2), which the decision buttons ignore. A later, single tap works.
 *
 * The second half of the double tap is sent as the browser's own input with its click count (CDP, as
 * Chromium reports a double tap), so the test does not depend on how fast two taps follow each other.
 */
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from './fixtures.ts';
import { dialog, loaderReady } from './flow.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** The second click of a double click or double tap, landing on `target`. */
async function secondClickOf(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the button is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
}

/** Opens the flow for a new subscriber; the outcome the trigger's events carry lands in `data-outcome`. */
async function open(page: Page, server: ReferenceServer): Promise<void> {
  // Signed up five days ago: inside the flow's 14-day withdrawal period, so the confirm step offers to withdraw.
  const since = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  const token = siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', periodEnd: '2099-12-31', since });
  await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
  await loaderReady(page);
  await page.evaluate(() => {
    document.addEventListener('cancelflow:close', (event) => {
      document.body.dataset.outcome = (event as CustomEvent<{ status: string }>).detail.status;
    });
  });
  await page.locator('#link').tap();
}

test('a double tap on "Continue" does not take the offer the next step shows under the finger', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(new URL(baseURL ?? '').origin, join(here, 'pages/flow-rich.json'));
  try {
    await open(page, server);
    const survey = dialog(page, 'Why are you leaving?');
    await survey.getByRole('radio', { name: "It's too expensive" }).tap();
    await survey.getByRole('button', { name: 'Continue', exact: true }).tap();
    const offer = dialog(page, 'Before you go');
    const accept = offer.getByRole('button', { name: 'Accept discount' });
    await secondClickOf(page, accept);

    // Still the offer, not taken: a tap on it now (one tap) takes it, and the server says so once.
    await expect(accept).not.toHaveAttribute('aria-busy', 'true');
    await accept.tap();
    await expect(dialog(page, 'Thank you for staying')).toBeVisible();
    const [sessionId] = server.sessionIds();
    expect(server.outcome(sessionId ?? '')).toEqual({ status: 'saved', offers: ['discount:before_cancel'] });
  } finally {
    await server.close();
  }
});

test('a double tap on "Continue to cancel" does not confirm the cancel on the step it leads to', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(new URL(baseURL ?? '').origin, join(here, 'pages/flow-rich.json'));
  try {
    await open(page, server);
    await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).tap();
    const confirm = dialog(page);
    await secondClickOf(page, confirm.getByRole('button', { name: 'Withdraw from the contract' }));
    await secondClickOf(page, confirm.getByRole('button', { name: 'Cancel subscription' }));

    // The subscriber read the terms and keeps the subscription: nothing was cancelled.
    await confirm.getByRole('button', { name: 'Keep my subscription' }).tap();
    await expect(page.locator('body')).toHaveAttribute('data-outcome', 'abandoned');
    const [sessionId] = server.sessionIds();
    expect(server.outcome(sessionId ?? '').status).not.toBe('cancelled');
  } finally {
    await server.close();
  }
});

for (const { offer, reason, link } of [
  { offer: 'a link elsewhere (redirect)', reason: "I'm switching to another tool", link: 'Learn more' },
  { offer: 'a person to talk to (contact)', reason: 'Technical problems', link: 'Chat with us' },
]) {
  test(`a double tap on "Continue" neither follows nor takes an offer of ${offer}`, async ({
    page,
    context,
    baseURL,
  }) => {
    const server = await referenceServer(new URL(baseURL ?? '').origin, join(here, 'pages/flow-rich.json'));
    const tabs: string[] = [];
    context.on('page', (opened) => tabs.push(opened.url()));
    try {
      await open(page, server);
      const survey = dialog(page, 'Why are you leaving?');
      await survey.getByRole('radio', { name: reason }).tap();
      await survey.getByRole('button', { name: 'Continue', exact: true }).tap();
      await secondClickOf(page, dialog(page, 'Before you go').getByRole('link', { name: link }));

      // The subscriber closes the offer they did not follow: the flow ends abandoned, not saved.
      await dialog(page, 'Before you go').getByRole('button', { name: 'Close' }).tap();
      await expect(page.locator('body')).toHaveAttribute('data-outcome', 'abandoned');
      expect(tabs, 'no tab opened').toEqual([]);
    } finally {
      await server.close();
    }
  });
}
