/**
 * The `test` every browser spec uses: Playwright's, plus opt-in CPU throttling. With
 * `CANCELFLOW_CPU_THROTTLE=4`, every page of every test (the `page` fixture's and those a test opens
 * with `context.newPage()` or that open as popups) runs with Chromium's main thread slowed 4×
 * (CDP `Emulation.setCPUThrottlingRate`), to show that the suite does not lean on a fast machine.
 * playwright.config.ts scales the timeouts by the same factor.
 */
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { cpuThrottleRate } from '../../scripts/chromium.mjs';

export { expect, type Locator, type Page } from '@playwright/test';

const rate = cpuThrottleRate;

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

export const test = base.extend({
  context: async ({ context }, use) => {
    if (rate > 1) {
      // Every new page is throttled before anyone gets hold of it: `newPage()` resolves only once the
      // rate is set, so nothing on the page runs at full speed first.
      const throttled = new WeakMap<Page, Promise<void>>();
      context.on('page', (page) => {
        const done = throttle(context, page);
        done.catch(() => {}); // a popup closed at once; a page from newPage() still sees the error
        throttled.set(page, done);
      });
      const newPage = context.newPage.bind(context);
      context.newPage = async () => {
        const page = await newPage();
        await (throttled.get(page) ?? throttle(context, page));
        return page;
      };
    }
    await use(context);
  },
});
