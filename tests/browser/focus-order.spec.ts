/**
 * When each step's heading takes the focus: only once the dialog is in the top layer (its popover
 * open), so the focus lays the new tree out once, as it will be painted — not before the popover
 * opens and again after — and on a new step straight from the control that went away, without
 * passing through the dialog itself (a screen reader would announce the dialog, then the heading).
 */
import { expect, test } from './fixtures.ts';
import { focused } from './focus.ts';

test('each step’s heading takes the focus with the dialog already in the top layer, and nothing else takes it first', async ({
  page,
}) => {
  await page.goto('/pages/rich.html');
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  // Every focus inside the modal, in order: the element and whether its popover was open at that moment.
  await page.evaluate(() => {
    const log: { tag: string; text: string; inTopLayer: boolean }[] = [];
    (window as unknown as { focusLog: typeof log }).focusLog = log;
    addEventListener(
      'focusin',
      (event) => {
        const target = event.composedPath()[0];
        if (!(target instanceof HTMLElement) || !target.closest('[popover]')) return;
        log.push({
          tag: target.tagName.toLowerCase(),
          text: target.textContent?.trim().slice(0, 40) ?? '',
          inTopLayer: Boolean(target.closest('[popover]')?.matches(':popover-open')),
        });
      },
      true,
    );
  });
  const log = () =>
    page.evaluate(() => (window as unknown as { focusLog: { tag: string; inTopLayer: boolean }[] }).focusLog);

  await page
    .getByRole('link', { name: /cancel/i })
    .first()
    .click();
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await expect(survey).toBeVisible();
  expect(await focused(page)).toMatchObject({ tag: 'h2', name: 'Why are you leaving?' });
  expect(await log()).toEqual([{ tag: 'h2', text: 'Why are you leaving?', inTopLayer: true }]);

  // A new step, from a button that the step change removes: the heading is the next focus, not the dialog.
  await survey.getByRole('radio').first().check();
  await survey.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('dialog')).not.toHaveAccessibleName('Why are you leaving?');
  const next = await focused(page);
  expect(next).toMatchObject({ tag: 'h2', inDialog: true });
  const after = (await log()).slice(1).filter((entry) => entry.tag !== 'input' && entry.tag !== 'button');
  expect(after).toEqual([{ tag: 'h2', text: next.name.slice(0, 40), inTopLayer: true }]);
});
