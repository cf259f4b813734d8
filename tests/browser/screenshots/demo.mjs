// @ts-check
// Screenshots of the demo for the docs: the account page, the modal (an offer), the insights.
//   node tests/browser/screenshots/demo.mjs (after pnpm build; Chromium at /usr/bin/chromium or CHROMIUM_PATH)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const repo = new URL('../../../', import.meta.url).pathname;
// The built CLI, imported by a computed URL: the test command type-checks this file before it builds.
/** @type {typeof import('../../../packages/cli/src/commands/demo.ts')} */
const { startDemo } = await import(new URL('packages/cli/dist/commands/demo.js', `file://${repo}`).href);
const images = join(repo, 'docs/images');
const dataDir = mkdtempSync(join(tmpdir(), 'cancelflow-shots-'));
const io = {
  stdout: () => {},
  stderr: (/** @type {string} */ t) => process.stderr.write(t),
  readFile: async () => '',
  fileSize: async () => 0,
  now: () => new Date(),
  env: process.env,
};
const demo = await startDemo(
  {
    port: 0,
    serverPort: 0,
    dataDir,
    flowFile: join(repo, 'examples/flows/demo.json'),
    widgetDir: join(repo, 'packages/widget/dist'),
    sessions: 3000,
  },
  io,
);
if (!demo) throw new Error('the demo did not start');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`${demo.pageUrl}?as=cus_dana`);
  await page.screenshot({ path: join(images, 'demo-page.png'), fullPage: true });

  await page.locator('#cancel-button').click();
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await survey.locator('input[value="too_expensive"]').check();
  await survey.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('dialog', { name: 'Before you go' }).waitFor();
  await page.waitForTimeout(300); // let the entrance transition settle
  await page.screenshot({ path: join(images, 'demo-modal.png') });

  await page.goto(`${demo.pageUrl}insights`);
  await page.screenshot({ path: join(images, 'demo-insights.png'), fullPage: true });
  console.log(`wrote demo-page.png, demo-modal.png, demo-insights.png to ${images}`);
} finally {
  await browser.close();
  await demo.close();
  rmSync(dataDir, { recursive: true, force: true });
}
