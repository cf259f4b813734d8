/**
 * The compliance profiles (docs/compliance.md) as the subscriber meets them, in real Chromium: with the
 * script tag against the reference server (the profiles come from the signed token's country and
 * region) and with a static flow (`cancelflow.open()` with a `subscriber`). Each test drives one
 * journey and checks one rule literally, as an auditor would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from './fixtures.ts';
import { loaderReady } from './flow.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

/** flow-rich.json declares `eu`; this one declares no profile, so only the token's country brings any. */
const FLOWS = {
  rich: fileURLToPath(new URL('./pages/flow-rich.json', import.meta.url)),
  undeclared: fileURLToPath(new URL('./pages/flow-undeclared.json', import.meta.url)),
};

const servers = new Map<keyof typeof FLOWS, Promise<ReferenceServer>>();
/** The reference server with one of FLOWS, started once per worker when a test first needs it. */
function reference(flow: keyof typeof FLOWS): Promise<ReferenceServer> {
  let server = servers.get(flow);
  if (!server) {
    server = referenceServer(new URL(test.info().project.use.baseURL as string).origin, FLOWS[flow]);
    servers.set(flow, server);
  }
  return server;
}
test.afterAll(async () => {
  for (const server of servers.values()) await (await server).close();
  servers.clear();
});

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The script tag against the reference server, for a subscriber with these claims; opened by the page's link. */
async function openWithServer(page: Page, flow: keyof typeof FLOWS, claims: Record<string, unknown>): Promise<void> {
  const { url } = await reference(flow);
  const token = siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'Pro', price: 29, currency: 'USD', ...claims });
  await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(url)}&token=${token}`);
  await loaderReady(page);
  await page.locator('#link').click();
}

/** A static flow (`flow` served as the page's data-flow file), opened through the API with `subscriber`. */
async function openStatic(page: Page, flow: object | undefined, subscriber: Record<string, unknown>): Promise<void> {
  if (flow)
    await page.route(
      (url) => url.pathname === '/pages/flow-audit.json',
      (route) => route.fulfill({ json: flow }),
    );
  await page.goto(`/pages/rich.html${flow ? '?flow=/pages/flow-audit.json' : ''}`);
  await loaderReady(page);
  await page.evaluate((claims) => {
    void (window as unknown as { cancelflow: { open(o: object): Promise<unknown> } }).cancelflow.open({
      subscriber: claims,
    });
  }, subscriber);
}

/** Runs in the page: what makes a choice look weighty, for comparing two of them. */
const weight = (button: Locator) =>
  button.evaluate((el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      width: Math.round(box.width),
      height: Math.round(box.height),
      fontSize: style.fontSize,
      fontWeight: style.fontWeight,
      color: style.color,
      background: style.backgroundColor,
      border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
      opacity: style.opacity,
      onScreen: box.top >= 0 && box.bottom <= innerHeight,
    };
  });

test.describe('us-ca on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 664 } });

  test('the offer shows "Continue to cancel" on the same screen and with the same weight as its accept button, also after a failed accept', async ({
    page,
  }) => {
    await openWithServer(page, 'rich', { country: 'US', region: 'CA' });
    const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
    await survey.locator('input[value="too_big"]').check();
    await survey.getByRole('button', { name: 'Continue', exact: true }).click();
    const offer = page.getByRole('dialog', { name: 'Before you go' });
    const accept = offer.getByRole('button', { name: 'Switch to Starter' });
    const cancel = offer.getByRole('button', { name: 'Continue to cancel' });
    await expect(cancel).toBeVisible();
    await offer.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    const shown = await weight(cancel);
    expect(shown.onScreen).toBe(true);
    expect(await weight(accept)).toEqual(shown);

    // Billing refuses: the retry takes the accept button's place, and continuing stays its equal.
    await page.route('**/v1/sessions/*/accept', (route) => route.abort('connectionfailed'));
    await accept.click();
    const retry = offer.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible();
    await expect(retry).not.toHaveAttribute('aria-busy');
    await page.mouse.move(0, 0); // the click left the pointer on it: no hover colour in the comparison
    expect(await weight(retry)).toEqual(await weight(cancel));
    expect((await weight(cancel)).onScreen).toBe(true);
  });
});

test.describe('a subscriber in Berlin', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('on the last day of the withdrawal period of a contract concluded there at 00:30 (22:30 UTC the day before), the confirm page offers to withdraw', async ({
    page,
  }) => {
    // 16 July is the 14th day after 2 July, Berlin's day of the contract (flow-rich.json: eu, 14 days).
    await page.clock.setFixedTime(new Date('2026-07-16T10:00:00+02:00'));
    await openStatic(page, undefined, {
      sub: 'cus_berlin',
      country: 'DE',
      since: '2026-07-02T00:30:00+02:00',
      periodEnd: '2026-08-02',
    });
    // `de`: the confirm page first.
    const confirm = page.getByRole('dialog', { name: 'Confirm cancellation' });
    await expect(confirm.getByRole('button', { name: 'Cancel subscription' })).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Withdraw from the contract' })).toBeVisible();
  });
});

test('a German subscriber of a German flow that does not declare "de": the confirm button says "Jetzt kündigen", not the flow\'s "Weiter"', async ({
  page,
}) => {
  const flow = {
    id: 'de-undeclared',
    version: 1,
    defaultLocale: 'de',
    policy: { effective: 'period_end', refund: { type: 'none' } },
    offers: {},
    steps: [
      { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'Zu teuer' }] },
      { id: 'confirm', type: 'confirm', confirmLabel: 'Weiter' },
      { id: 'done', type: 'done' },
    ],
  };
  await openStatic(page, flow, { sub: 'cus_de', country: 'DE' });
  const confirm = page.getByRole('dialog', { name: 'Kündigung bestätigen' });
  await expect(confirm.getByRole('button', { name: 'Jetzt kündigen' })).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Weiter' })).toHaveCount(0);
});

test('a subscriber billed in Réunion (RE: France, in the EU) through the script tag, of a flow that declares no profile: the confirm page offers to withdraw within 14 days', async ({
  page,
}) => {
  await openWithServer(page, 'undeclared', { country: 'RE', since: day(-3), periodEnd: day(27) });
  await page
    .getByRole('dialog', { name: 'Why are you leaving?' })
    .getByRole('button', { name: 'Continue to cancel' })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Confirm cancellation' });
  await expect(confirm.getByRole('button', { name: 'Withdraw from the contract' })).toBeVisible();
});

test('de through the script tag: right after the confirm, above the optional questions, the receipt can be kept, with the date and time', async ({
  page,
}) => {
  await openWithServer(page, 'undeclared', { country: 'DE', periodEnd: day(20) });
  await page
    .getByRole('dialog', { name: 'Confirm cancellation' })
    .getByRole('button', { name: 'Cancel subscription' })
    .click();
  // The questions follow the cancel; a subscriber who closes them must not leave without the receipt.
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await expect(survey.getByRole('status')).toHaveText('Your subscription is cancelled');
  await expect(survey.getByRole('link', { name: 'Print' })).toHaveAttribute('href', /\/v1\/receipts\/rcp_/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    survey.getByRole('link', { name: 'Download receipt' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^receipt-rcp_.+\.html$/);
  expect(readFileSync(await download.path(), 'utf8')).toMatch(/Cancelled on [^<]+ \d{1,2}:\d{2}[^<]* UTC</);
});
