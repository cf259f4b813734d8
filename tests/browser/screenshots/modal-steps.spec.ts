/**
 * Writes the docs' step screenshots (docs/images/modal-step-<step>-<locale>.png): the offer, feedback,
 * confirm and done steps in English and German, as a subscriber of the demo flow
 * (examples/flows/demo.json, which names its company and plans) sees them against the reference
 * server. Not a test: it runs only when asked,
 *
 *   pnpm build
 *   CANCELFLOW_SCREENSHOTS=1 pnpm test:browser tests/browser/screenshots/modal-steps.spec.ts
 */
import { join } from 'node:path';
import deConfirm from '../../../packages/core/src/i18n/messages/confirm/de.ts';
import en, { type MessageKey } from '../../../packages/core/src/i18n/messages/en.ts';
import deLater from '../../../packages/core/src/i18n/messages/later/de.ts';
import deOffer from '../../../packages/core/src/i18n/messages/offer/de.ts';
import deOpening from '../../../packages/core/src/i18n/messages/opening/de.ts';
import { expect, type Locator, type Page, test } from '../fixtures.ts';
import { type ReferenceServer, referenceServer, siteToken } from '../reference-server.ts';

const repo = new URL('../../../', import.meta.url).pathname;
const images = join(repo, 'docs/images');
const de = { ...deOpening, ...deConfirm, ...deOffer, ...deLater };
const CATALOGS = { en, de } as const;

test.skip(!process.env.CANCELFLOW_SCREENSHOTS, 'writes docs/images only when CANCELFLOW_SCREENSHOTS=1');

let server: ReferenceServer | undefined;
test.beforeAll(async ({ baseURL }) => {
  server = await referenceServer(new URL(baseURL ?? '').origin, join(repo, 'examples/flows/demo.json'));
});
test.afterAll(async () => {
  await server?.close();
});

for (const locale of ['en', 'de'] as const) {
  const text = (key: MessageKey) => CATALOGS[locale][key];

  /** Opens the modal as a new Pro subscriber, in `locale`, on a desktop page with motion reduced. */
  async function open(page: Page): Promise<Locator> {
    const jwt = siteToken({
      sub: `cus_${crypto.randomUUID()}`,
      sid: 'sub_2041',
      plan: 'pro',
      price: 49,
      currency: 'USD',
      periodEnd: '2027-03-31',
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const endpoint = encodeURIComponent(server?.url ?? '');
    await page.goto(`/pages/rich.html?endpoint=${endpoint}&token=${encodeURIComponent(jwt)}&locale=${locale}`);
    // The demo flow's theme inherits the site's font (`theme.font: "inherit"`); this site has one.
    await page.addStyleTag({ content: 'body { font-family: system-ui, sans-serif; }' });
    await page.locator('#link').click();
    const survey = page.getByRole('dialog', { name: text('survey.title') });
    await expect(survey).toBeVisible();
    return survey;
  }

  /** The dialog as a subscriber who clicked sees it: no keyboard focus ring, no hover. */
  async function shoot(page: Page, dialog: Locator, step: string): Promise<void> {
    await expect(dialog).toBeVisible();
    await dialog.click({ position: { x: 4, y: 4 } });
    await page.mouse.move(0, 0);
    await dialog.screenshot({ path: join(images, `modal-step-${step}-${locale}.png`) });
  }

  test(`${locale}: the offer step`, async ({ page }) => {
    const survey = await open(page);
    await survey.locator('input[value="too_expensive"]').check();
    await survey.getByRole('button', { name: text('dialog.next'), exact: true }).click();
    await shoot(page, page.getByRole('dialog', { name: text('offer.title') }), 'offer');
  });

  test(`${locale}: the feedback, confirm and done steps`, async ({ page }) => {
    const survey = await open(page);
    await survey.locator('input[value="missing_features"]').check();
    await survey.getByRole('textbox').fill(locale === 'de' ? 'Gemeinsame Dashboards' : 'Shared dashboards');
    await survey.getByRole('button', { name: text('dialog.next'), exact: true }).click();
    const feedback = page.getByRole('dialog', { name: text('feedback.title') });
    await feedback.getByRole('textbox').fill(locale === 'de' ? 'Der Support war sehr gut.' : 'Support was great.');
    await shoot(page, feedback, 'feedback');
    await feedback.getByRole('button', { name: text('dialog.continueToCancel') }).click();
    const confirm = page.getByRole('dialog', { name: text('confirm.title') });
    await shoot(page, confirm, 'confirm');
    await confirm.getByRole('button', { name: text('confirm.button') }).click();
    await shoot(page, page.getByRole('dialog', { name: text('done.cancelledTitle') }), 'done');
  });
}
