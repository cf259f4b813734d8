/**
 * A language cancelflow has no built-in strings for (docs/i18n.md): the flow's own texts in it, the
 * built-in ones in English — English as English reads, with its plural forms and its dates, not
 * formatted by the subscriber's language's rules ("1 months" by Korean plural rules, which have no
 * "one"; "Billing resumes on 2027년 1월 3일").
 */
import { expect, test } from './fixtures.ts';
import { dialog } from './flow.ts';

/** A flow written in Korean, which opens on a pause offer (its month choices and the day billing resumes). */
const korean = {
  id: 'korean',
  version: 1,
  defaultLocale: 'ko',
  policy: { effective: 'period_end', refund: { type: 'none' } },
  offers: { pause: { type: 'pause', unit: 'month', max: 2, title: '잠시 쉬어 가세요' } },
  steps: [
    { id: 'offer', type: 'offer', offer: 'pause', title: '떠나시기 전에' },
    { id: 'confirm', type: 'confirm' },
  ],
};

test('data-locale="ko" with a Korean flow: the flow’s texts in Korean, the built-in strings in English by English rules', async ({
  page,
}) => {
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: korean }));
  await page.goto('/pages/triggers.html');
  await page.locator('script[src="/cancelflow.js"]').evaluate((tag) => tag.setAttribute('data-locale', 'ko'));
  await page.locator('#button').click();
  const offer = dialog(page, '떠나시기 전에');
  await expect(offer.getByRole('heading', { name: '잠시 쉬어 가세요' })).toBeVisible();
  // The built-in strings: English, in English forms.
  await expect(offer.getByRole('group', { name: 'Pause for' }).getByRole('radio')).toHaveCount(2);
  await expect(offer.getByRole('radio', { name: '1 month', exact: true })).toBeChecked();
  await expect(offer.getByRole('radio', { name: '2 months', exact: true })).toBeVisible();
  await expect(offer.getByText(/^Billing resumes on [A-Z][a-z]+ \d{1,2}, \d{4}$/)).toBeVisible();
  await expect(offer.getByRole('button', { name: 'Pause subscription' })).toBeVisible();
  await expect(offer.getByRole('button', { name: 'Continue to cancel' })).toBeVisible();
});

/** A flow written in Swahili, which has no built-in strings: a survey, then the confirm step. */
const swahili = {
  id: 'swahili',
  version: 1,
  defaultLocale: 'sw',
  policy: { effective: 'period_end', refund: { type: 'none' } },
  offers: {},
  steps: [
    {
      id: 'why',
      type: 'survey',
      title: 'Kwa nini unaondoka?',
      description: 'Jibu lolote ni la hiari.',
      reasons: [
        { id: 'price', label: 'Ni ghali mno' },
        { id: 'other', label: 'Sababu nyingine' },
      ],
    },
    { id: 'confirm', type: 'confirm', title: 'Thibitisha kughairi', description: 'Tafadhali angalia maelezo.' },
  ],
};

/** The language an element's text is read in: that of its closest element with a `lang`. */
const langOf = (element: { evaluate<R>(fn: (node: Element) => R): Promise<R> }) =>
  element.evaluate((node) => (node.closest('[lang]') as HTMLElement | null)?.lang);

test('data-locale="sw" with a Swahili flow: the dialog is in Swahili, the elements with built-in strings say they are English', async ({
  page,
}) => {
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: swahili }));
  await page.goto('/pages/triggers.html');
  await page.locator('script[src="/cancelflow.js"]').evaluate((tag) => tag.setAttribute('data-locale', 'sw'));
  await page.locator('#button').click();
  const survey = dialog(page, 'Kwa nini unaondoka?');
  await expect(survey).toHaveAttribute('lang', 'sw');
  // The flow's texts: Swahili, as the dialog says.
  expect(await langOf(survey.getByRole('heading', { name: 'Kwa nini unaondoka?' }))).toBe('sw');
  expect(await langOf(survey.getByText('Ni ghali mno'))).toBe('sw');
  // The built-in ones are English words: they used to be read by Swahili rules.
  expect(await langOf(survey.getByText('Step 1'))).toBe('en');
  expect(await langOf(survey.getByRole('button', { name: 'Close' }))).toBe('en');
  expect(await langOf(survey.getByRole('group', { name: 'Reason for cancelling' }).locator('legend'))).toBe('en');
  expect(await langOf(survey.getByRole('button', { name: 'Continue to cancel' }))).toBe('en');

  await survey.getByRole('button', { name: 'Continue to cancel' }).click();
  const confirm = dialog(page, 'Thibitisha kughairi');
  await expect(confirm).toBeVisible();
  expect(await langOf(confirm.getByText('Tafadhali angalia maelezo.'))).toBe('sw');
  expect(await langOf(confirm.getByText('Your access lasts until the end of the current billing period.'))).toBe('en');
  expect(await langOf(confirm.getByRole('button', { name: 'Back' }))).toBe('en');
});

test('data-locale="de": the built-in strings are German like the dialog, and no element repeats its lang', async ({
  page,
}) => {
  const german = {
    ...swahili,
    id: 'german',
    defaultLocale: 'de',
    steps: [
      { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'Zu teuer' }] },
      { id: 'confirm', type: 'confirm' },
    ],
  };
  await page.route('**/pages/flow-confirm.json', (route) => route.fulfill({ json: german }));
  await page.goto('/pages/triggers.html');
  await page.locator('script[src="/cancelflow.js"]').evaluate((tag) => tag.setAttribute('data-locale', 'de'));
  await page.locator('#button').click();
  const survey = dialog(page, 'Warum möchten Sie kündigen?');
  await expect(survey).toHaveAttribute('lang', 'de');
  await expect(survey.locator('[lang]')).toHaveCount(0);
  await survey.getByRole('button', { name: 'Weiter zur Kündigung' }).click();
  const confirm = dialog(page, 'Kündigung bestätigen');
  await expect(confirm.getByRole('listitem')).toHaveCount(2);
  await expect(confirm.locator('[lang]')).toHaveCount(0);
});
