import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from './fixtures.ts';
import { cancelflowWarnings, dialog, offerFirst } from './flow.ts';
import { referenceServer, siteToken } from './reference-server.ts';

// The engine's code for taking an offer and confirming the cancel is a chunk of its own, fetched
// after the first screen, as is the HTTP adapter's in server mode (docs/widget.md). If one cannot
// load, taking an offer shows the offer's error and can be retried, and confirming the cancel fails
// open: the site's own cancel action runs. A stalled fetch counts as failed after 10 s, as does a
// step's view that a subscriber has reached and that does not arrive.

const DECISIONS = '**/chunks/decide-*.js';
// The glue that hands a decision to the adapter (keys, deadline, failure records): a chunk of its own too.
const DECISION_CALLS = '**/chunks/decision-calls-*.js';
const DECISION_CODE = [
  ["the engine's", DECISIONS, /decide-.*\.js/],
  ["the adapter glue's", DECISION_CALLS, /decision-calls-.*\.js/],
] as const;

for (const [whose, chunk] of DECISION_CODE) {
  test(`the offer cannot be taken while ${whose} decision code does not load: the error shows, and a retry takes it once it does`, async ({
    page,
  }) => {
    await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: offerFirst }));
    await page.route(chunk, (route) => route.abort('connectionfailed'));
    await page.goto('/pages/triggers.html');
    await page.locator('#link').click();
    const offer = dialog(page, 'Before you go');
    await offer.getByRole('button', { name: 'Accept discount' }).click();
    await expect(offer.getByText("We couldn't confirm that this offer was applied.")).toBeVisible();
    const retry = offer.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeEnabled();

    await page.unroute(chunk);
    await retry.click();
    // Taken: a static flow ends there (the site applies the offer), and the link does not navigate.
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    expect(page.url()).toContain('/pages/triggers.html');
  });
}

/**
 * The offer-first flow's offer, with the engine's decision code held back until `fail()` aborts it:
 * taking the offer stays busy until then, and fails after.
 */
async function offerWithHeldFailure(page: Page) {
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: offerFirst }));
  let fail = () => {};
  const failed = new Promise<void>((resolve) => {
    fail = resolve;
  });
  await page.route(DECISIONS, async (route) => {
    await failed;
    await route.abort('connectionfailed');
  });
  await page.goto('/pages/triggers.html');
  await page.locator('#link').click();
  const offer = dialog(page, 'Before you go');
  return { offer, accept: offer.getByRole('button', { name: 'Accept discount' }), fail };
}

test('a keyboard user keeps the focus in the dialog while an offer is applied and after it fails: Escape still closes', async ({
  page,
}) => {
  const { offer, accept, fail } = await offerWithHeldFailure(page);
  await accept.focus();
  await page.keyboard.press('Enter');
  // Busy, and unavailable, but still focused: a disabled button would drop the focus to the page's body.
  await expect(accept).toHaveAttribute('aria-busy', 'true');
  await expect(accept).toBeDisabled();
  await expect(accept).toBeFocused();
  // Seen to be working without a cursor (a touch screen): an ellipsis after its label, silent to screen readers.
  const after = (button: typeof accept) => button.evaluate((element) => getComputedStyle(element, '::after').content);
  expect(await after(accept)).toMatch(/^"…"/);
  fail();
  await expect(offer.getByText("We couldn't confirm that this offer was applied.")).toBeVisible();
  await expect(offer.getByRole('button', { name: 'Retry' })).toBeFocused();
  expect(await after(offer.getByRole('button', { name: 'Retry' }))).toBe('none');
  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  expect(page.url()).toContain('/pages/triggers.html'); // closed, not cancelled
});

test('Escape while an offer is applied, and it fails: the modal stays with the error instead of closing as if it were applied', async ({
  page,
}) => {
  const { offer, accept, fail } = await offerWithHeldFailure(page);
  await accept.click();
  await expect(accept).toHaveAttribute('aria-busy', 'true');
  await page.keyboard.press('Escape'); // held while the offer is applied
  fail();
  await expect(offer.getByText("We couldn't confirm that this offer was applied.")).toBeVisible();
  await expect(offer.getByRole('button', { name: 'Retry' })).toBeFocused();
  await page.keyboard.press('Escape'); // now it closes: abandoned, not cancelled
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  expect(page.url()).toContain('/pages/triggers.html');
});

for (const [whose, chunk, named] of DECISION_CODE) {
  test(`the cancel cannot be confirmed while ${whose} decision code does not load: the link navigates, with the reason in the warning`, async ({
    page,
  }) => {
    const warnings = cancelflowWarnings(page);
    await page.route(chunk, (route) => route.abort('connectionfailed'));
    await page.goto('/pages/triggers.html');
    await page.locator('#link').click();
    await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
    await page.waitForURL('**/account/cancelled?via=link');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(named);
    expect(warnings[0]).toContain("The site's own cancel action proceeds");
  });
}

test('the code for confirming the cancel stalls: the cancel fails open after 10 s, with the reason in the warning', async ({
  page,
}) => {
  test.slow();
  const warnings = cancelflowWarnings(page);
  await page.route(DECISIONS, () => {}); // never answered
  await page.goto('/pages/triggers.html');
  await page.locator('#link').click();
  await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
  await page.waitForURL('**/account/cancelled?via=link', { timeout: 60_000 });
  expect(warnings).toEqual([
    "cancelflow: the engine's decision code did not arrive within 10 s. The site's own cancel action proceeds.",
  ]);
});

test("the confirm step's code stalls: the subscriber who reaches it is not held; the cancel fails open after 10 s", async ({
  page,
}) => {
  test.slow();
  const warnings = cancelflowWarnings(page);
  await page.route('**/chunks/ConfirmStep-*.js', () => {}); // never answered
  await page.goto('/pages/rich.html');
  await page.locator('#link').click();
  await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).click();
  await page.waitForURL('**/account/cancelled?via=rich', { timeout: 60_000 });
  expect(warnings).toEqual([
    "cancelflow: its UI crashed: the confirm step's code did not arrive within 10 s. The site's own cancel action proceeds.",
  ]);
});

test("a static flow's receipt code stalls: the cancel fails open after 10 s", async ({ page }) => {
  test.slow();
  const warnings = cancelflowWarnings(page);
  await page.route('**/chunks/static-receipt-*.js', () => {}); // never answered
  await page.goto('/pages/rich.html');
  await page.locator('#link').click();
  await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).click();
  await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
  await page.waitForURL('**/account/cancelled?via=rich', { timeout: 60_000 });
  expect(warnings).toEqual([
    "cancelflow: the receipt code did not arrive within 10 s. The site's own cancel action proceeds.",
  ]);
});

test('the done step\'s code stalls after an offer is taken: the outcome stays "saved", and the site\'s cancel does not run', async ({
  page,
  baseURL,
}) => {
  test.slow();
  // With the reference server, whose flows show the done step after a save (a static flow ends there).
  const folder = mkdtempSync(join(tmpdir(), 'cancelflow-offer-first-'));
  writeFileSync(join(folder, 'flow.json'), JSON.stringify(offerFirst));
  const server = await referenceServer(new URL(baseURL ?? 'http://127.0.0.1:4310').origin, join(folder, 'flow.json'));
  try {
    const warnings = cancelflowWarnings(page);
    await page.route('**/chunks/DoneStep-*.js', () => {}); // never answered
    const token = siteToken({ sub: `cus_${crypto.randomUUID()}` });
    await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
    await page.evaluate(() =>
      document.addEventListener('cancelflow:close', (event) => {
        (window as { cfClosed?: unknown }).cfClosed = (event as CustomEvent<{ status: string }>).detail.status;
      }),
    );
    await page.locator('#link').click();
    await dialog(page, 'Before you go').getByRole('button', { name: 'Accept discount' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as { cfClosed?: unknown }).cfClosed), { timeout: 60_000 })
      .toBe('saved');
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    expect(page.url()).toContain('/pages/rich.html');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("its UI crashed after the subscriber's decision");
    expect(warnings[0]).toContain("the done step's code did not arrive within 10 s");
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("server mode: the HTTP adapter's code stalls after the first screen; the cancel fails open after 10 s", async ({
  page,
  baseURL,
}) => {
  test.slow();
  const server = await referenceServer(
    new URL(baseURL ?? 'http://127.0.0.1:4310').origin,
    join(new URL('.', import.meta.url).pathname, 'pages/flow-rich.json'),
  );
  try {
    const warnings = cancelflowWarnings(page);
    await page.route('**/chunks/http-*.js', () => {}); // never answered
    const token = siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', price: 29, currency: 'USD' });
    await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
    await page.locator('#link').click();
    await dialog(page, 'Why are you leaving?').getByRole('button', { name: 'Continue to cancel' }).click();
    await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
    await page.waitForURL('**/account/cancelled?via=rich', { timeout: 60_000 });
    // The events could not go out either (their sending code is the same chunk): each says so once.
    expect(warnings).toEqual([
      'cancelflow: events not sent yet, delivery did not load (Error: the HTTP adapter code did not arrive within 10 s); it is tried again with the next event',
      "cancelflow: the HTTP adapter code did not arrive within 10 s. The site's own cancel action proceeds.",
    ]);
  } finally {
    await server.close();
  }
});

test('a subscriber in Germany (`de`) answers the questions after the confirmed cancel, under a line that says it is done', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(
    new URL(baseURL ?? 'http://127.0.0.1:4310').origin,
    join(new URL('.', import.meta.url).pathname, 'pages/flow-rich.json'),
  );
  try {
    const token = siteToken({
      sub: `cus_${crypto.randomUUID()}`,
      plan: 'pro',
      price: 29,
      currency: 'EUR',
      country: 'DE',
    });
    await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
    await page.locator('#link').click();
    const confirm = dialog(page);
    // The confirm step first, with nothing said about the cancel being done yet.
    await expect(confirm.getByRole('status')).toHaveCount(0);
    await confirm.getByRole('button', { name: 'Cancel subscription' }).click();
    const survey = dialog(page, 'Why are you leaving?');
    await expect(survey.getByRole('status')).toHaveText('Your subscription is cancelled');
    await survey.press('Escape');
    await page.waitForURL('**/account/cancelled?via=rich');
  } finally {
    await server.close();
  }
});

test('an open while a flow is open joins it: one modal, one outcome for both callers', async ({ page }) => {
  await page.goto('/pages/triggers.html');
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.evaluate(() => {
    const api = (window as unknown as { cancelflow: { open(): Promise<{ status: string }> } }).cancelflow;
    (window as unknown as { outcomes: Promise<string[]> }).outcomes = Promise.all([api.open(), api.open()]).then(
      (all) => all.map((o) => o.status),
    );
  });
  await expect(dialog(page)).toBeVisible();
  await expect(page.locator('cancelflow-modal')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { outcomes: Promise<string[]> }).outcomes)).toEqual([
    'abandoned',
    'abandoned',
  ]);
});
