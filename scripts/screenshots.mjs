// @ts-check
// Takes the screenshots used in the README and docs: the modal on desktop and mobile widths, in
// light and dark mode, against the running demo (`pnpm demo`, or DEMO_URL).
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.env.DEMO_URL ?? 'http://127.0.0.1:5173/';
const out = new URL('../docs/images/', import.meta.url).pathname;
const browser = await chromium.launch(chromiumLaunchOptions);

const shots = [
  { name: 'modal-desktop', viewport: { width: 1280, height: 800 }, colorScheme: /** @type {const} */ ('light') },
  { name: 'modal-mobile', viewport: { width: 375, height: 740 }, colorScheme: /** @type {const} */ ('light') },
  { name: 'modal-dark', viewport: { width: 1280, height: 800 }, colorScheme: /** @type {const} */ ('dark') },
];
for (const shot of shots) {
  const page = await browser.newPage({ viewport: shot.viewport, colorScheme: shot.colorScheme });
  await page.goto(base);
  await page.getByText('Cancel subscription (link)').click();
  await page.getByRole('dialog').waitFor();
  await page.screenshot({ path: `${out}${shot.name}.png` });
  await page.close();
  console.log(`docs/images/${shot.name}.png`);
}
await browser.close();
