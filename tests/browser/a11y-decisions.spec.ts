/**
 * WCAG 2.0/2.1/2.2 A and AA, checked by axe-core as a11y.spec.ts does, on the states after the server
 * refused a decision or is slow to answer it (a11y-states.ts DECISION_STATES): the alert and "Retry"
 * of an offer billing did not apply, the refused withdrawal, and the "still working" line under busy
 * buttons. In English and Arabic, light and dark, at a desktop and a phone width.
 */
import { DECISION_STATES, ModalDriver, type TestLocale } from './a11y-states.ts';
import { scan } from './axe-scan.ts';
import { expect, test } from './fixtures.ts';

for (const locale of ['en', 'ar'] as const satisfies readonly TestLocale[]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 375]) {
      test.describe(`axe, after a decision: zero WCAG A/AA violations — ${locale}, ${colorScheme}, ${width}px`, () => {
        for (const state of DECISION_STATES) {
          test(state, async ({ page }) => {
            await page.setViewportSize({ width, height: width > 480 ? 900 : 740 });
            await page.emulateMedia({ colorScheme });
            const modal = new ModalDriver(page, locale);
            await modal.goto();
            const dialog = await modal.reachDecision(state);
            await expect(dialog).toHaveAttribute('lang', locale);
            const { inShadow, violations } = await scan(page);
            expect(inShadow, "axe looked inside the modal's shadow root").toBe(true);
            expect(violations).toEqual([]);
          });
        }
      });
    }
  }
}
