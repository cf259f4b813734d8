import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

/**
 * A site pins the loader with Subresource Integrity (docs/widget.md): with the value the build writes
 * to dist/integrity.json the widget runs; with any other, Chromium refuses the script and the cancel
 * link stays a plain link (fail open).
 */
const { 'cancelflow.js': integrity } = JSON.parse(
  readFileSync(new URL('../../packages/widget/dist/integrity.json', import.meta.url), 'utf8'),
) as { 'cancelflow.js': string };

const page = (hash: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Account</title>
<script src="/cancelflow.js" integrity="${hash}" crossorigin="anonymous" data-flow="/pages/flow-confirm.json" async></script>
</head><body><a id="link" href="/account/cancelled?via=link" data-cancelflow>Cancel subscription</a></body></html>`;

for (const [name, hash, opens] of [
  ['the integrity the build printed: the flow opens', integrity, true],
  ['another integrity: the script is refused and the link navigates', `sha384-${'A'.repeat(64)}`, false],
] as const) {
  test(`a pinned loader, ${name}`, async ({ page: tab }) => {
    await tab.route('**/pages/pinned.html', (route) => route.fulfill({ contentType: 'text/html', body: page(hash) }));
    const refused = opens
      ? undefined
      : tab.waitForEvent('console', (m) => m.type() === 'error' && /integrity/i.test(m.text()));
    await tab.goto('/pages/pinned.html');
    if (opens) {
      await tab.waitForFunction(() => 'cancelflow' in window);
      await tab.locator('#link').click();
      await expect(tab.getByRole('dialog')).toBeVisible();
    } else {
      await refused; // Chromium's "Failed to find a valid digest in the 'integrity' attribute"
      expect(await tab.evaluate(() => 'cancelflow' in window)).toBe(false);
      await tab.locator('#link').click();
      await tab.waitForURL('**/account/cancelled?via=link');
    }
  });
}
