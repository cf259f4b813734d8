/**
 * Writes the modal's screenshots for the docs (docs/images/modal-*.png) from the rich static flow:
 * desktop, mobile, dark, Arabic, and one per offer type. Not a test: it runs only when asked,
 *
 *   pnpm --filter @cancelflow/widget build
 *   CANCELFLOW_SCREENSHOTS=1 pnpm test:browser tests/browser/screenshots/modal.spec.ts
 *
 * and with CANCELFLOW_SCREENSHOTS_REVIEW=<dir> it also writes every state in every configuration
 * into <dir>, for looking over the whole UI at once.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ModalDriver, STATES, type State, type TestLocale } from '../a11y-states.ts';
import { test } from '../fixtures.ts';

const docsImages = new URL('../../../docs/images/', import.meta.url).pathname;
const review = process.env.CANCELFLOW_SCREENSHOTS_REVIEW;

interface Shot {
  readonly file: string;
  /** The whole window (backdrop and page behind) or just the dialog. */
  readonly whole: boolean;
}

interface Setup {
  readonly name: string;
  readonly locale: TestLocale;
  readonly colorScheme: 'light' | 'dark';
  readonly width: number;
  readonly height: number;
  readonly shots: Partial<Record<State, Shot>>;
}

const offerShot = (type: string): Shot => ({ file: `modal-offer-${type}.png`, whole: false });

const SETUPS: Setup[] = [
  {
    name: 'desktop',
    locale: 'en',
    colorScheme: 'light',
    width: 1280,
    height: 800,
    shots: {
      'survey-follow-up': { file: 'modal-desktop.png', whole: true },
      'offer-discount': offerShot('discount'),
      'offer-pause': offerShot('pause'),
      'offer-plan_change': offerShot('plan_change'),
      'offer-trial_extension': offerShot('trial_extension'),
      'offer-contact': offerShot('contact'),
      'offer-redirect': offerShot('redirect'),
      'done-receipt': { file: 'modal-receipt.png', whole: false },
    },
  },
  {
    name: 'mobile',
    locale: 'en',
    colorScheme: 'light',
    width: 375,
    height: 740,
    shots: { survey: { file: 'modal-mobile.png', whole: true } },
  },
  {
    name: 'dark',
    locale: 'en',
    colorScheme: 'dark',
    width: 1280,
    height: 800,
    shots: { 'confirm-withdrawal': { file: 'modal-dark.png', whole: true } },
  },
  {
    name: 'ar',
    locale: 'ar',
    colorScheme: 'light',
    width: 1280,
    height: 800,
    shots: { 'offer-pause': { file: 'modal-ar.png', whole: true } },
  },
  { name: 'ar-mobile-dark', locale: 'ar', colorScheme: 'dark', width: 375, height: 740, shots: {} },
];

test.skip(!process.env.CANCELFLOW_SCREENSHOTS, 'writes docs/images only when CANCELFLOW_SCREENSHOTS=1');

for (const setup of SETUPS) {
  test.describe(`screenshots: ${setup.name}`, () => {
    // One state per test (as in the accessibility checks): only the states with a docs image, or every
    // state when reviewing.
    for (const state of STATES.filter((s) => setup.shots[s] || review)) {
      test(state, async ({ page }) => {
        await page.setViewportSize({ width: setup.width, height: setup.height });
        await page.emulateMedia({ colorScheme: setup.colorScheme, reducedMotion: 'reduce' });
        const modal = new ModalDriver(page, setup.locale);
        await modal.goto();
        const dialog = await modal.reach(state);
        const take = (path: string, whole: boolean) =>
          whole ? page.screenshot({ path }) : dialog.screenshot({ path });
        // Opened by script here, the step's focused heading shows the keyboard focus ring; a subscriber
        // who clicked would not see it, and the images show what they see: a click on the dialog's edge.
        // Then the pointer moves away, so no hover style shows.
        await dialog.click({ position: { x: 4, y: 4 } });
        await page.mouse.move(0, 0);
        const shot = setup.shots[state];
        if (shot) await take(join(docsImages, shot.file), shot.whole);
        if (review) {
          mkdirSync(review, { recursive: true });
          await take(join(review, `${setup.name}-${state}.png`), true);
        }
      });
    }
  });
}
