/**
 * Drives the real modal (pages/rich.html + pages/flow-rich.json) into every step and offer state, in
 * any built-in locale, and calls `visit(state)` at each: the accessibility scan and the screenshots
 * share it, so both cover the same screens. Each journey starts a fresh flow through
 * `window.cancelflow.open()` with a subscriber, so prices, dates and the EU withdrawal have values.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import ar from '../../packages/core/src/i18n/messages/ar.ts';
import en, { type MessageKey } from '../../packages/core/src/i18n/messages/en.ts';

export const CATALOGS = { en, ar } as const;
export type TestLocale = keyof typeof CATALOGS;

export const STATES = [
  'survey',
  'survey-follow-up',
  'offer-contact',
  'offer-discount',
  'done-saved',
  'offer-pause',
  'offer-plan_change',
  'offer-trial_extension',
  'offer-redirect',
  'feedback',
  'confirm-support',
  'done-receipt',
  'confirm-withdrawal',
] as const;
export type State = (typeof STATES)[number];

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A subscriber with a price, a trial and a paid period, so every offer shows its numbers. */
export const subscriber = (extra: Record<string, unknown> = {}) => ({
  sub: 'cus_a11y',
  sid: 'sub_a11y',
  plan: 'Pro',
  price: 29,
  currency: 'USD',
  trial: true,
  trialEnds: day(3),
  periodEnd: day(20),
  ...extra,
});

/** Signed up 5 days ago: inside the 14-day EU withdrawal period, so the confirm step offers to withdraw. */
export const recentSubscriber = () => subscriber({ since: day(-5) });

/** The reason that leads to each offer type in flow-rich.json. */
const OFFER_REASONS = {
  discount: 'too_expensive',
  pause: 'not_using',
  plan_change: 'too_big',
  trial_extension: 'need_time',
  redirect: 'switching',
} as const;

export type Visit = (state: State, dialog: Locator) => Promise<void>;

export class ModalDriver {
  constructor(
    readonly page: Page,
    readonly locale: TestLocale,
  ) {}

  text(key: MessageKey): string {
    return CATALOGS[this.locale][key];
  }

  /** The modal's dialog, by its accessible name when given. */
  dialog(name?: string): Locator {
    return name ? this.page.getByRole('dialog', { name }) : this.page.getByRole('dialog');
  }

  async goto(): Promise<void> {
    await this.page.goto(`/pages/rich.html?locale=${this.locale}`);
    await this.page.waitForFunction(
      () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
    );
  }

  /** Opens a fresh flow through the public API (its outcome lands in `window.outcome`). */
  async open(who: Record<string, unknown> = subscriber()): Promise<Locator> {
    await expect(this.page.locator('cancelflow-modal')).toHaveCount(0);
    await this.page.evaluate((claims) => {
      const api = (window as unknown as { cancelflow: { open(o: object): Promise<unknown> } }).cancelflow;
      (window as unknown as { outcome: Promise<unknown> }).outcome = api.open({ subscriber: claims });
    }, who);
    return this.settled(this.text('survey.title'));
  }

  /** Waits for the step titled `name` to be on screen, with its entrance animation finished. */
  async settled(name: string, content?: string): Promise<Locator> {
    const dialog = this.dialog(name);
    await expect(dialog).toBeVisible();
    if (content) await expect(dialog.locator(content).first()).toBeVisible();
    await dialog.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    return dialog;
  }

  button(dialog: Locator, key: MessageKey): Locator {
    return dialog.getByRole('button', { name: this.text(key), exact: true });
  }

  async pickReason(dialog: Locator, reasonId: string): Promise<void> {
    await dialog.locator(`input[value="${reasonId}"]`).check();
  }

  async closeWithEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.locator('cancelflow-modal')).toHaveCount(0);
  }

  async offer(reasonId: string): Promise<Locator> {
    const survey = await this.open();
    await this.pickReason(survey, reasonId);
    await this.button(survey, 'dialog.next').click();
    return this.settled(this.text('offer.title'), '.offer');
  }

  /** Walks every journey of the rich flow, calling `visit` once for each state in STATES order. */
  async visitAll(visit: Visit): Promise<void> {
    // The survey, its follow-up question, and the contact offer the "technical" reason leads to.
    const survey = await this.open();
    await visit('survey', survey);
    await this.pickReason(survey, 'technical');
    await expect(survey.getByRole('textbox')).toBeVisible();
    await visit('survey-follow-up', survey);
    await this.button(survey, 'dialog.next').click();
    await visit('offer-contact', await this.settled(this.text('offer.title'), '.offer a[href^="mailto:"]'));
    await this.closeWithEscape();

    // A discount, accepted: the thank-you after a save.
    const discount = await this.offer(OFFER_REASONS.discount);
    await visit('offer-discount', discount);
    await this.button(discount, 'discount.accept').click();
    const saved = await this.settled(this.text('done.savedTitle'));
    await visit('done-saved', saved);
    await this.button(saved, 'done.close').click();
    await expect(this.page.locator('cancelflow-modal')).toHaveCount(0);

    for (const type of ['pause', 'plan_change', 'trial_extension', 'redirect'] as const) {
      await visit(`offer-${type}`, await this.offer(OFFER_REASONS[type]));
      await this.closeWithEscape();
    }

    // No offer fits "missing features": feedback with its counter, the recap with support links, the receipt.
    const start = await this.open();
    await this.pickReason(start, 'missing_features');
    await this.button(start, 'dialog.next').click();
    const feedback = await this.settled(this.text('feedback.title'));
    await feedback.getByRole('textbox').fill('Shared dashboards, please.');
    await expect(feedback.locator('#cf-counter')).toContainText('26');
    await visit('feedback', feedback);
    await this.button(feedback, 'dialog.next').click();
    const confirm = await this.settled(this.text('confirm.title'), '.support a');
    await expect(this.button(confirm, 'confirm.withdraw')).toHaveCount(0);
    await visit('confirm-support', confirm);
    await this.button(confirm, 'confirm.button').click();
    const receipt = await this.settled(this.text('done.cancelledTitle'), '.receipt');
    await visit('done-receipt', receipt);
    await this.button(receipt, 'done.close').click();
    await expect(this.page.locator('cancelflow-modal')).toHaveCount(0);

    // A subscriber inside the EU withdrawal period: the recap offers to withdraw from the contract.
    const recent = await this.open(recentSubscriber());
    await this.button(recent, 'dialog.continueToCancel').click();
    const withdrawal = await this.settled(this.text('confirm.title'), '.withdrawal');
    await visit('confirm-withdrawal', withdrawal);
    await this.closeWithEscape();
  }
}
