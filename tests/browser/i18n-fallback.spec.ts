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
