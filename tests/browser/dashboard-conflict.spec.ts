/**
 * Two product managers edit the same site's flow in two browsers. The one who publishes second must
 * not silently replace the first one's version: the server refuses the publish (409, the draft names
 * the version it was edited from), the page says who published what since, keeps the draft, and
 * publishes over it only when asked to.
 */
import { DASHBOARD_ADMIN_KEY, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, type Page, test } from './fixtures.ts';

let server: DashboardServer;
test.beforeAll(async () => {
  server = await dashboardServer(50);
});
test.afterAll(async () => {
  await server?.close();
});

async function openEditor(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${server.url}/admin/#/flow`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Live: the sites file (version 0)')).toBeVisible();
  await page.getByLabel('Your name').fill(name);
}

/** Replaces the editor's whole text with the live flow, one reason's English label changed. */
async function relabel(page: Page, label: string) {
  const { source } = await server.report<{ source: string }>('/v1/admin/flows/demo/versions/0');
  const text = source.replace('"en": "It\'s too expensive"', `"en": ${JSON.stringify(label)}`);
  expect(text).not.toBe(source);
  await page.getByRole('textbox', { name: 'Flow JSON of site' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
  await expect(page.getByText('the draft has changes')).toBeVisible();
}

const liveLabel = async () => {
  const { source } = await server.report<{ source: string }>('/v1/admin/flows/demo');
  return (JSON.parse(source) as { steps: { reasons?: { label: { en: string } }[] }[] }).steps[0]?.reasons?.[0]?.label
    .en;
};

test('the second of two publishes from the same version is refused until its author chooses to replace', async ({
  page,
  browser,
}) => {
  test.slow(); // two browsers, each with CodeMirror and the widget's preview, on a busy machine
  const other = await browser.newContext();
  try {
    const bo = await other.newPage();
    await openEditor(page, 'Alex');
    await openEditor(bo, 'Bo');
    await relabel(page, 'Too pricey');
    await relabel(bo, 'Costs too much');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.getByText(/^Published version 1\./)).toBeVisible();

    await bo.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(bo.getByRole('alert')).toContainText(
      /Not published: version 1 \(by Alex, \d{4}-\d\d-\d\d \d\d:\d\d UTC\) was published after version 0, which this draft was edited from\. Your draft is kept/,
    );
    expect(await liveLabel()).toBe('Too pricey');
    await expect(bo.getByText('Live: version 1')).toBeVisible();
    await expect(bo.getByText('the draft has changes')).toBeVisible();

    await bo.getByRole('button', { name: 'Publish over version 1' }).click();
    await expect(bo.getByText(/^Published version 2\./)).toBeVisible();
    expect(await liveLabel()).toBe('Costs too much');
    await expect(bo.getByRole('button', { name: 'Publish over version 1' })).toHaveCount(0);
  } finally {
    await other.close();
  }
});
