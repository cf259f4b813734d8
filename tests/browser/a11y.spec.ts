/**
 * WCAG 2.0/2.1/2.2 A and AA, checked by axe-core in real Chromium on every step and offer state of
 * the real modal (inside its open Shadow DOM), in English and Arabic (right to left), light and dark,
 * on a desktop and a phone width. One state per test: an axe scan is the heaviest thing a test here
 * does, and one per test keeps every test far inside its time on a slow machine.
 */
import { ModalDriver, STATES, type TestLocale } from './a11y-states.ts';
import { scan } from './axe-scan.ts';
import { expect, test } from './fixtures.ts';

for (const locale of ['en', 'ar'] as const satisfies readonly TestLocale[]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 375]) {
      test.describe(`axe: zero WCAG A/AA violations — ${locale}, ${colorScheme}, ${width}px`, () => {
        for (const state of STATES) {
          test(state, async ({ page }) => {
            await page.setViewportSize({ width, height: width > 480 ? 900 : 740 });
            await page.emulateMedia({ colorScheme });
            const modal = new ModalDriver(page, locale);
            await modal.goto();
            const dialog = await modal.reach(state);
            await expect(dialog).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
            // The scheme really applies inside the shadow root: a dark dialog in dark mode, a light one in light.
            const background = await dialog.evaluate((el) => getComputedStyle(el).backgroundColor);
            const brightness = (background.match(/\d+/g) ?? []).slice(0, 3).map(Number);
            expect(
              brightness.every((v) => (colorScheme === 'dark' ? v < 64 : v > 192)),
              background,
            ).toBe(true);
            const { inShadow, violations } = await scan(page);
            expect(inShadow, "axe looked inside the modal's shadow root").toBe(true);
            expect(violations).toEqual([]);
          });
        }
      });
    }
  }
}
