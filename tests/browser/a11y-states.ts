/**
 * Drives the real modal (pages/rich.html + pages/flow-rich.json) into any step and offer state, in any
 * built-in locale: the accessibility checks and the screenshots share it, so they cover the same
 * screens. Each state is reached on its own, from a fresh flow started through
 * `window.cancelflow.open()` with a subscriber (so prices, dates and the EU withdrawal have values):
 * a test checks one state, and a slow machine never has to fit every state into one test's time.
 * The thank-you and the receipt are the reference server's (a static flow ends as the subscriber
 * decides, with neither): those states run against a real server, one per test worker, with the same
 * flow and subscriber.
 */
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import arConfirm from '../../packages/core/src/i18n/messages/confirm/ar.ts';
import en, { type MessageKey } from '../../packages/core/src/i18n/messages/en.ts';
import arLater from '../../packages/core/src/i18n/messages/later/ar.ts';
import arOffer from '../../packages/core/src/i18n/messages/offer/ar.ts';
import arOpening from '../../packages/core/src/i18n/messages/opening/ar.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

const ar = { ...arOpening, ...arConfirm, ...arOffer, ...arLater };
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

/**
 * The states after the server refused or has not yet answered a decision: the offer it could not apply
 * (an alert, "Retry"), the withdrawal it refused because the period ended (an alert, no withdrawal
 * button), and a cancel still waiting after 3 s (the "still working" line, the buttons `aria-busy`).
 */
export const DECISION_STATES = ['offer-failed', 'withdrawal-ended', 'still-working'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

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

/** The reference server the states after a decision run against: one per test worker, started when first needed. */
let decisionServer: Promise<ReferenceServer> | undefined;
const FLOW_FILE = fileURLToPath(new URL('./pages/flow-rich.json', import.meta.url));

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

  /**
   * The same page and subscriber with the reference server, which carries out decisions: a static
   * flow ends as the subscriber decides, so the thank-you and the receipt are the server's screens.
   */
  private async withServer(claims: Record<string, unknown> = subscriber()): Promise<void> {
    const origin = new URL(this.page.url()).origin;
    decisionServer ??= referenceServer(origin, FLOW_FILE);
    const { url } = await decisionServer;
    const token = siteToken(claims);
    await this.page.goto(`/pages/rich.html?locale=${this.locale}&endpoint=${encodeURIComponent(url)}&token=${token}`);
    await this.page.waitForFunction(
      () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
    );
  }

  /** Drives a fresh page (after `goto()`) to `state`, against the reference server; returns the dialog showing it. */
  async reachDecision(state: DecisionState): Promise<Locator> {
    switch (state) {
      case 'offer-failed': {
        // The accept never reaches billing: the offer says so and offers to try again.
        await this.withServer();
        const discount = await this.reach('offer-discount');
        await this.page.route('**/v1/sessions/*/accept', (route) => route.abort('connectionfailed'));
        await this.button(discount, 'discount.accept').click();
        await expect(discount.getByRole('alert')).toBeVisible();
        await expect(this.button(discount, 'error.retry')).toBeVisible();
        return discount;
      }
      case 'withdrawal-ended': {
        // The server's own refusal (packages/server/src/cancel/confirm.ts) when the withdrawal period
        // ended while the dialog was open.
        await this.withServer(recentSubscriber());
        const recent = await this.open(recentSubscriber());
        await this.button(recent, 'dialog.continueToCancel').click();
        const confirm = await this.settled(this.text('confirm.title'), '.withdrawal');
        await this.page.route('**/v1/sessions/*/cancel', (route) =>
          route.fulfill({
            status: 422,
            json: { error: { code: 'unprocessable', message: 'the period ended', withdrawalEnded: day(-1) } },
          }),
        );
        await this.button(confirm, 'confirm.withdraw').click();
        await expect(confirm.getByRole('alert')).toBeVisible();
        await expect(this.button(confirm, 'confirm.withdraw')).toHaveCount(0);
        return confirm;
      }
      case 'still-working': {
        // The cancel is never answered (each attempt ends by its own timeout, 8 s, and is tried again):
        // after 3 s the line says the decision is still being made.
        await this.withServer();
        const confirm = await this.reach('confirm-support');
        await this.page.route('**/v1/sessions/*/cancel', () => {});
        await this.button(confirm, 'confirm.button').click();
        await expect(confirm.locator('p.slow[role="status"]')).toHaveText(this.text('busy.slow'));
        await expect(this.button(confirm, 'confirm.button')).toHaveAttribute('aria-busy', 'true');
        return confirm;
      }
    }
  }

  /**
   * Drives a fresh page (after `goto()`) to `state` along its shortest journey and returns the dialog
   * showing it, settled. Every state is reached on its own, so a test can check one state at a time.
   */
  async reach(state: State): Promise<Locator> {
    switch (state) {
      case 'survey':
        return this.open();
      case 'survey-follow-up': {
        // The "technical" reason asks a follow-up question on the same step.
        const survey = await this.open();
        await this.pickReason(survey, 'technical');
        await expect(survey.getByRole('textbox')).toBeVisible();
        return survey;
      }
      case 'offer-contact': {
        // ...and leads to the contact offer.
        const survey = await this.reach('survey-follow-up');
        await this.button(survey, 'dialog.next').click();
        return this.settled(this.text('offer.title'), '.offer a[href^="mailto:"]');
      }
      case 'offer-discount':
      case 'offer-pause':
      case 'offer-plan_change':
      case 'offer-trial_extension':
      case 'offer-redirect':
        return this.offer(OFFER_REASONS[state.slice('offer-'.length) as keyof typeof OFFER_REASONS]);
      case 'done-saved': {
        // A discount, accepted: the thank-you after a save.
        await this.withServer();
        const discount = await this.reach('offer-discount');
        await this.button(discount, 'discount.accept').click();
        return this.settled(this.text('done.savedTitle'));
      }
      case 'feedback': {
        // No offer fits "missing features": the feedback step, with its counter.
        const survey = await this.open();
        await this.pickReason(survey, 'missing_features');
        await this.button(survey, 'dialog.next').click();
        const feedback = await this.settled(this.text('feedback.title'));
        await feedback.getByRole('textbox').fill('Shared dashboards, please.');
        await expect(feedback.locator('#cf-counter')).toContainText('26');
        return feedback;
      }
      case 'confirm-support': {
        // The recap with support links; outside the withdrawal period, nothing to withdraw from.
        const feedback = await this.reach('feedback');
        await this.button(feedback, 'dialog.continueToCancel').click();
        const confirm = await this.settled(this.text('confirm.title'), '.support a');
        await expect(this.button(confirm, 'confirm.withdraw')).toHaveCount(0);
        return confirm;
      }
      case 'done-receipt': {
        await this.withServer();
        const confirm = await this.reach('confirm-support');
        await this.button(confirm, 'confirm.button').click();
        return this.settled(this.text('done.cancelledTitle'), '.receipt');
      }
      case 'confirm-withdrawal': {
        // A subscriber inside the EU withdrawal period: the recap offers to withdraw from the contract.
        const recent = await this.open(recentSubscriber());
        await this.button(recent, 'dialog.continueToCancel').click();
        return this.settled(this.text('confirm.title'), '.withdrawal');
      }
    }
  }
}
