/**
 * The flow editor end to end against `cancelflow demo` (a real server with a seeded history and the
 * demo account page on another origin): sign in, see the insights, edit the flow and see the change in
 * the preview (the real widget in a frame), be refused an invalid flow with the problem at its line,
 * publish a valid one and see the demo page's widget use it, then roll back and see the old flow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDemo } from '../../packages/cli/test/demo-run.ts';
import { expect, type Page, test } from './fixtures.ts';

const repo = new URL('../../', import.meta.url).pathname;
const flowFile = join(repo, 'examples/flows/demo.json');
const original = readFileSync(flowFile, 'utf8');
let demo: Awaited<ReturnType<typeof runDemo>>;
test.beforeAll(async () => {
  demo = await runDemo({ sessions: 300, flowFile });
});
test.afterAll(async () => {
  await demo?.remove();
});

/** Replaces the editor's whole text: select all, then the text arrives as one input (like a paste). */
async function replaceFlow(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Flow JSON of site' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** The flow editor's headline: which version is live. */
const liveLine = (page: Page) => page.getByRole('status').filter({ hasText: /^Live:/ });

/** The demo account page's widget: the survey's first reason as the subscriber sees it. */
async function demoSurveyLabel(page: Page) {
  await page.goto(`${demo.pageUrl}?as=cus_dana`);
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.locator('#cancel-button').click();
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  return survey.locator('label', { has: page.locator('input[value="too_expensive"]') });
}

test('edit, preview, refused publish at its line, publish, the demo uses it, roll back', async ({ page, context }) => {
  test.slow(); // a demo server, CodeMirror, the widget in a frame and on a page: many loads on a busy machine
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${demo.serverUrl}/admin/`);
  await page.getByLabel('Admin key').fill(demo.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = (await (
    await fetch(`${demo.serverUrl}/v1/admin/insights/summary`, {
      headers: { authorization: `Bearer ${demo.adminKey}` },
    })
  ).json()) as { sessions: number };
  expect(summary.sessions).toBeGreaterThan(0);
  await expect(page.locator('[data-card="sessions"] strong')).toHaveText(summary.sessions.toLocaleString('en-US'));

  await page.getByRole('link', { name: 'Flow editor' }).click();
  await expect(page.getByText('Live: the sites file (version 0)')).toBeVisible();
  // Before the first publish there is no second version to compare with: no pickers offering 0 and 0.
  await expect(page.getByText("Nothing to compare yet: the sites file's flow is the only version.")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show the diff' })).toHaveCount(0);
  const preview = page.frameLocator('iframe[title^="Preview"]');
  await expect(preview.getByRole('dialog', { name: 'Why are you leaving?' })).toContainText("It's too expensive");

  // A change shows in the preview.
  const edited = original.replace('"en": "It\'s too expensive"', '"en": "The price is too high"');
  expect(edited).not.toBe(original);
  await replaceFlow(page, edited);
  await expect(preview.getByRole('dialog', { name: 'Why are you leaving?' })).toContainText('The price is too high');
  // Typing goes on in the editor: the widget, opening again in the reloaded preview, leaves the focus.
  await expect(page.getByRole('textbox', { name: 'Flow JSON of site' })).toBeFocused();
  await expect(page.getByText('the draft has changes')).toBeVisible();

  // The context picker: a subscriber in Minnesota gets no offer (us-mn), one with MRR ≥ 500 a call.
  await page.getByLabel('Country').fill('US');
  await page.getByLabel('Region').fill('MN');
  await expect(preview.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
  // The widget's dialog is fixed in its frame: the page scrolls the whole frame into view first.
  await page.locator('iframe[title^="Preview"]').scrollIntoViewIfNeeded();
  const mnSurvey = preview.getByRole('dialog', { name: 'Why are you leaving?' });
  await mnSurvey.locator('input[value="too_expensive"]').check();
  await mnSurvey.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(preview.getByRole('dialog', { name: 'Anything else you want to tell us?' })).toBeVisible();
  await page.getByLabel('Region').fill('');

  // An offer that does not exist: the server refuses, and the problem is shown at its line.
  const invalid = edited.replace('"offer": "discount_30"', '"offer": "no_such_offer"');
  const line = invalid.split('\n').findIndex((l) => l.includes('no_such_offer')) + 1;
  await replaceFlow(page, invalid);
  // The page's own check already shows it (the editor has taken the text); the server is asked anyway.
  await expect(page.locator('#draft-problems')).toContainText('steps[0].reasons[0].offer');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('alert')).toContainText('Not published');
  const refused = page.locator('#publish-problems');
  await expect(refused).toContainText(`Line ${line}`);
  await expect(refused).toContainText('steps[0].reasons[0].offer');
  // The problem's link moves the cursor to its line, where the editor underlines the reference.
  await refused.getByRole('button', { name: `Line ${line}` }).click();
  await expect(page.locator('.cm-activeLine .cm-lintRange-error')).toContainText('no_such_offer');
  await expect(page.locator('.cm-lineNumbers .cm-activeLineGutter')).toHaveText(String(line));
  await expect(page.locator('.cm-gutter-lint .cm-activeLineGutter .cm-lint-marker-error')).toBeVisible();

  // A valid flow is published; the demo page's widget uses it.
  await replaceFlow(page, edited);
  await expect(page.getByText('The validator finds no errors.')).toBeVisible();
  // The wording changed and the flow's version did not: the editor asks for a bump, and still publishes.
  await expect(page.locator('.warning')).toContainText('The draft changes the flow but keeps "version": 1');
  await page.getByLabel('Your name').fill('Pat');
  await page.getByLabel('Note').fill('plainer wording');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 1. New sessions use it from now on.')).toBeVisible();
  await expect(liveLine(page)).toHaveText('Live: version 1');
  const site = await context.newPage();
  await expect(await demoSurveyLabel(site)).toContainText('The price is too high');

  // Roll back to the sites file: the demo page shows the old flow again.
  await page.getByRole('button', { name: 'Roll back to the file', exact: true }).click();
  // It asks first: a rollback publishes for every new session at once.
  await expect(page.getByRole('button', { name: 'Roll back to the file: publish now' })).toBeFocused();
  await page.getByRole('button', { name: 'Roll back to the file: publish now' }).click();
  await expect(page.getByText('Rolled back: version 2 republishes the sites file.')).toBeVisible();
  // One number in the headline, the publish number; the flow JSON's own "version" (1: the file's flow)
  // only in the details line under it, named as the JSON field, and in its own column of the versions.
  await expect(liveLine(page)).toHaveText('Live: version 2');
  await expect(page.locator('.flow-fields')).toHaveText(
    'Its flow JSON: "id": "acme-demo", "version": 1 (what each session records)',
  );
  const row2 = page.getByRole('row', { name: /^2 live/ });
  await expect(row2.getByRole('cell').first()).toHaveText('acme-demo, 1');
  await expect(row2.getByRole('cell').first()).toHaveCSS('display', 'table-cell'); // a cell of the row, aligned
  await expect(page.getByRole('columnheader', { name: 'Flow JSON\'s "id", "version"' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Discard the draft' })).toBeDisabled(); // the editor holds version 2
  await expect(preview.getByRole('dialog', { name: 'Why are you leaving?' })).toContainText("It's too expensive");
  await expect(await demoSurveyLabel(site)).toContainText("It's too expensive");
  await expect(page.locator('table', { hasText: 'plainer wording' })).toContainText('Pat');

  // The diff of two versions chosen in the pickers: version 1's wording against the sites file's.
  await page.getByLabel('Compare').selectOption('0');
  await page.getByLabel('with').selectOption('1');
  await page.getByRole('button', { name: 'Show the diff' }).click();
  const diff = page.getByRole('region', { name: 'Changes from version 0 (the sites file) to version 1' });
  await expect(diff.getByRole('heading')).toHaveText('Changes from version 0 (the sites file) to version 1');
  await expect(diff.locator('.added')).toContainText('The price is too high');
  await expect(diff.locator('.removed')).toContainText("It's too expensive");

  // Publishing what version 2 already is stores nothing, and the editor says so plainly.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing changed since version 2' })).toBeVisible();
  await expect(liveLine(page)).toHaveText('Live: version 2');
  const versions = (await (
    await fetch(`${demo.serverUrl}/v1/admin/flows/demo/versions`, {
      headers: { authorization: `Bearer ${demo.adminKey}` },
    })
  ).json()) as { versions: { number: number }[] };
  expect(versions.versions.map((v) => v.number)).toEqual([2, 1]);
});

test('the editor completes field names and shows their descriptions from the JSON Schema', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 900 });
  const reply = await page.request.post(`${demo.serverUrl}/v1/admin/session`, {
    headers: { origin: demo.serverUrl },
    data: { key: demo.adminKey },
  });
  expect(reply.status()).toBe(200);
  await page.goto(`${demo.serverUrl}/admin/#/flow`);
  await expect(page.locator('.cm-content')).toContainText('acme-demo');
  // Hover as a person would: if the page moved under the pointer before the tooltip's delay was
  // over (panels below the editor still loading, on a slow machine), move onto the name again.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await page.getByText('"retentionDays"').hover();
    await expect(page.locator('.cm-schema-help')).toContainText("keeps a session's personal data", { timeout: 5000 });
  }).toPass({ timeout: 60_000 });

  // A new field of the flow's root: "win… completes to "winback": with the schema's description beside it.
  await page.locator('.cm-line', { hasText: '"version"' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"win');
  const completions = page.locator('.cm-tooltip-autocomplete');
  await expect(completions).toContainText('winback');
  await expect(page.locator('.cm-completionInfo')).toContainText('invite the subscriber back');
  await completions.getByRole('option', { name: /winback/ }).click();
  await expect(page.locator('.cm-activeLine')).toHaveText(/^\s*"winback":\s*$/);

  // A value the schema enumerates: both of policy.effective's.
  await page.locator('.cm-line', { hasText: '"effective"' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Space');
  await expect(completions).toContainText('"period_end"');
  await expect(completions).toContainText('"immediately"');
});

test('search, folding, undo and bracket matching work; search is fetched on the first Ctrl+F', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 900 });
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const reply = await page.request.post(`${demo.serverUrl}/v1/admin/session`, {
    headers: { origin: demo.serverUrl },
    data: { key: demo.adminKey },
  });
  expect(reply.status()).toBe(200);
  await page.goto(`${demo.serverUrl}/admin/#/flow`);
  const editor = page.getByRole('textbox', { name: 'Flow JSON of site' });
  await expect(editor).toContainText('acme-demo');
  // Neither the search panel nor the diff comes with the editor: they are fetched when first used.
  expect(fetched.filter((path) => /\/assets\/(search|Diff)-/.test(path))).toEqual([]);

  // Search: Ctrl+F opens the panel (its chunk fetched now); Enter selects the next match.
  await page.locator('.cm-line', { hasText: '"id"' }).first().click();
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.getByRole('textbox', { name: 'Find' });
  await expect(find).toBeFocused();
  expect(fetched.filter((path) => /\/assets\/search-/.test(path))).toHaveLength(1);
  await page.keyboard.type('retentionDays'); // keys, not fill(): the panel reads its query on keyup
  await find.press('Enter');
  await expect(page.locator('.cm-activeLine')).toContainText('"retentionDays"');
  await expect(page.locator('.cm-searchMatch-selected')).toHaveText('retentionDays');
  await find.press('Escape');
  await expect(find).toBeHidden();

  // Bracket matching: the cursor after the policy object's "{" marks it and its closing "}".
  await page.locator('.cm-line', { hasText: '"policy"' }).click();
  await page.keyboard.press('End');
  await expect(page.locator('.cm-matchingBracket')).toHaveCount(2);

  // Folding: the fold gutter's marker beside the policy line folds the object to a placeholder, and back.
  const policyLine = await page.locator('.cm-line', { hasText: '"policy"' }).boundingBox();
  const gutter = await page.locator('.cm-foldGutter').boundingBox();
  if (!policyLine || !gutter) throw new Error('no policy line or fold gutter');
  await page.mouse.click(gutter.x + gutter.width / 2, policyLine.y + policyLine.height / 2);
  await expect(page.locator('.cm-foldPlaceholder')).toBeVisible();
  await page.locator('.cm-foldPlaceholder').click();
  await expect(page.locator('.cm-foldPlaceholder')).toHaveCount(0);

  // Undo: a typed character is taken back by Ctrl+Z.
  await page.locator('.cm-line', { hasText: '"version"' }).click();
  const before = await editor.textContent();
  await page.keyboard.type('x');
  await expect(editor).not.toHaveText(before ?? '');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor).toHaveText(before ?? '');
});
