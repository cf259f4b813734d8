/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA) on the flow editor in the states dashboard-a11y.spec's first
 * paint never reaches: a published version in the versions list, a draft with a problem refused by
 * the server (both problem lists, the error), the diff of two versions, and the search panel open.
 * Light and dark at 1280 px, and dark at 375 px; one scan per test.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, test } from './fixtures.ts';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const demoFlow = readFileSync(new URL('../../examples/flows/demo.json', import.meta.url), 'utf8');

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(50);
  // One published version (the flow's own "version" bumped), so the list has a row and a diff.
  const reply = await fetch(`${server.url}/v1/admin/flows/demo/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DASHBOARD_ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      source: demoFlow.replace('"version": 1', '"version": 2'),
      author: 'Pat',
      note: 'bump',
      baseVersion: 0,
    }),
  });
  if (reply.status !== 201) throw new Error(`publish: ${reply.status} ${await reply.text()}`);
});
test.afterAll(async () => {
  await server?.close();
});

for (const [colorScheme, width] of [
  ['light', 1280],
  ['dark', 1280],
  ['dark', 375],
] as const) {
  test(`axe: the flow editor with a refused publish, the diff and the search panel, ${colorScheme}, ${width}px`, async ({
    page,
  }) => {
    test.slow(); // CodeMirror, the widget in its frame and a scan of the whole page on a busy machine
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const reply = await page.request.post(`${server.url}/v1/admin/session`, {
      headers: { origin: server.url },
      data: { key: DASHBOARD_ADMIN_KEY },
    });
    expect(reply.status()).toBe(200);
    await page.goto(`${server.url}/admin/#/flow`);
    const editor = page.getByRole('textbox', { name: 'Flow JSON of site' });
    await expect(editor).toContainText('acme-demo');
    await expect(page.getByRole('status').filter({ hasText: /^Live:/ })).toHaveText('Live: version 1');

    // A draft the server refuses: an offer that does not exist.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(
      demoFlow.replace('"version": 1', '"version": 3').replace('"offer": "discount_30"', '"offer": "no_such_offer"'),
    );
    await expect(page.locator('#draft-problems')).toContainText('no_such_offer');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.locator('#publish-problems')).toContainText('no_such_offer');

    // The diff of the sites file's flow and version 1.
    await page.getByRole('button', { name: 'Show the diff' }).click();
    await expect(
      page.getByRole('heading', { name: 'Changes from version 0 (the sites file) to version 1' }),
    ).toBeVisible();

    // The search panel, open in the editor.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+f');
    await expect(page.getByRole('textbox', { name: 'Find' })).toBeFocused();

    const results = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual(
      [],
    );
  });
}
