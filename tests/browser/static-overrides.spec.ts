/**
 * A static flow (`data-flow`) whose texts hold a bidi override (U+202E). The server, the editor and
 * `cancelflow validate` refuse such a flow; a static flow reaches the page without that check (the
 * schema stays off the click path), so the widget shows it as written and tells the developer, in a
 * console warning that names the flow and the text, once the flow has reached its decision.
 */
import { expect, test } from './fixtures.ts';
import { cancelflowWarnings, confirmStatic, dialog } from './flow.ts';

const flow = {
  id: 'reversed',
  version: 1,
  policy: { effective: 'period_end', refund: { type: 'none' } },
  steps: [
    {
      id: 'why',
      type: 'survey',
      // Written backwards after U+202E: shown as "Too expensive", read by everything else as written.
      reasons: [
        { id: 'price', label: '\u202Eevisnepxe ooT' },
        { id: 'other', label: 'Something else' },
      ],
    },
    { id: 'confirm', type: 'confirm' },
  ],
};

test('a static flow with a bidi override in a reason’s label: the cancel goes through, and the console names the text', async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: flow }));
  await page.goto('/pages/triggers.html');
  await page.locator('#link').click();
  const survey = dialog(page, 'Why are you leaving?');
  await expect(survey.getByRole('radio')).toHaveCount(2);
  await survey.getByRole('button', { name: 'Continue to cancel' }).click();
  await confirmStatic(page);
  await page.waitForURL('**/account/cancelled?via=link');
  expect(warnings).toEqual([
    'cancelflow: the flow "reversed" has a bidi override (U+202D or U+202E) in steps[0].reasons[0].label, which displays the text after it backwards; `cancelflow validate` refuses it',
  ]);
});
