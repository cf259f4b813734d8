/** @jsxImportSource #vdom */

import { AdapterError } from '@cancelflow/core';
import { fireEvent, screen } from '@testing-library/dom';
import { describe, expect, test, vi } from 'vitest';
import { flowConfig, openApp as open } from './ui-fixture.ts';

const button = (name: string) => screen.getByRole('button', { name });

describe('the cancel flow UI', () => {
  test('is a labelled modal dialog that starts on the survey, with focus on its heading', async () => {
    open();
    const dialog = await screen.findByRole('dialog', { name: 'Why are you leaving?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById('cf-description')?.textContent).toMatch(/optional/);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Why are you leaving?' }));
    expect(screen.getAllByRole('radio')).toHaveLength(2);
  });

  test('a reason with a follow-up shows its optional question; the answer reaches the outcome', async () => {
    const { engine } = open();
    fireEvent.click(await screen.findByRole('radio', { name: 'Too expensive' }));
    const answer = await screen.findByRole('textbox', { name: 'What would be fair?' });
    fireEvent.input(answer, { target: { value: 'Half the price' } });
    fireEvent.click(button('Continue to cancel'));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
    engine.close();
    expect(await engine.outcome).toMatchObject({ status: 'abandoned', reason: 'price', feedback: 'Half the price' });
  });

  test('"Continue to cancel" leads straight to the terms: access end date and refund rule', async () => {
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
    expect(screen.getByText('Your access ends on March 31, 2026.')).toBeTruthy();
    expect(screen.getByText(/full refund if you cancel within 14 days/)).toBeTruthy();
    expect(button('Cancel subscription')).toBeTruthy();
    expect(button('Keep my subscription')).toBeTruthy();
  });

  test('confirming shows the receipt, and closing it ends the session as cancelled', async () => {
    const { engine, effects } = open();
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    await screen.findByRole('dialog', { name: 'Your subscription is cancelled' });
    expect(effects.confirmCancel).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Reference: rcpt_1')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download receipt' }).getAttribute('download')).toBe('receipt-rcpt_1.html');
    fireEvent.click(button('Done'));
    expect(await engine.outcome).toMatchObject({ status: 'cancelled' });
  });

  test('the receipt names the company and the plan by their display names, on screen and in the download', async () => {
    const created = vi.spyOn(URL, 'createObjectURL');
    open({
      config: {
        ...flowConfig,
        policy: {
          ...flowConfig.policy,
          company: { name: 'Acme Inc.', address: '1 Main Street' },
          planNames: { pro: 'Pro' },
        },
      },
      subscriber: { plan: 'pro' },
      receipt: { plan: 'pro', subscriptionId: 'sub_ruth' },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    await screen.findByRole('dialog', { name: 'Your subscription is cancelled' });
    const lines = [...document.querySelectorAll('.receipt li')].map((li) => li.textContent);
    expect(lines.slice(0, 3)).toEqual(['Acme Inc.', '1 Main Street', 'Plan: Pro']);
    const file = created.mock.calls[0]?.[0];
    expect(file).toBeInstanceOf(Blob);
    const html = await (file as Blob).text();
    expect(html).toContain(
      '<li><bdi>Acme Inc.</bdi></li><li><bdi>1 Main Street</bdi></li><li><bdi>Plan: Pro</bdi></li>',
    );
  });

  test('the pause offer sends the chosen length and ends as saved', async () => {
    const { engine, effects } = open();
    fireEvent.click(await screen.findByRole('radio', { name: 'Not using it' }));
    fireEvent.click(button('Continue'));
    await screen.findByRole('heading', { name: 'Pause your subscription' });
    fireEvent.click(screen.getByRole('radio', { name: '2 months' }));
    expect(await screen.findByText('Billing resumes on May 10, 2026')).toBeTruthy();
    fireEvent.click(button('Pause subscription'));
    await screen.findByRole('dialog', { name: 'Thank you for staying' });
    expect(effects.acceptOffer).toHaveBeenCalledWith(
      expect.objectContaining({ offerId: 'pause', choice: { months: 2 } }),
    );
    fireEvent.click(button('Done'));
    expect(await engine.outcome).toMatchObject({ status: 'saved', offer: 'pause' });
  });

  test("following a contact offer's link takes nothing: the flow stays open, and the subscriber can still cancel", async () => {
    const config = structuredClone(flowConfig);
    config.offers = { ...config.offers, talk: { type: 'contact', email: 'success@example.com' } };
    const survey = config.steps[0] as { reasons: { id: string; offer?: string }[] };
    (survey.reasons[0] as { offer?: string }).offer = 'talk';
    const { engine, effects, events } = open({ config });
    fireEvent.click(await screen.findByRole('radio', { name: 'Not using it' }));
    fireEvent.click(button('Continue'));
    const link = await screen.findByRole('link', { name: /Email us/ });
    expect(link.getAttribute('href')).toBe('mailto:success@example.com');
    // A click on a mailto: link opens the mail program, and the page stays (happy-dom does not navigate).
    link.addEventListener('click', (event) => event.preventDefault());
    fireEvent.click(link);
    await Promise.resolve();
    expect(effects.acceptOffer).not.toHaveBeenCalled();
    expect(engine.state.peek()).toMatchObject({ status: 'running', stepId: 'offer' });
    expect(events.map((e) => e.type)).not.toContain('offer_accepted');
    fireEvent.click(button('Continue to cancel'));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    await screen.findByRole('heading', { name: 'Your subscription is cancelled' });
  });

  test('× pressed while the offer is being applied: the modal shows what was applied, and closes on the next ×', async () => {
    const { engine, effects } = open();
    let apply: () => void = () => {};
    effects.acceptOffer.mockImplementationOnce(() => new Promise((resolve) => (apply = () => resolve(undefined))));
    fireEvent.click(await screen.findByRole('radio', { name: 'Not using it' }));
    fireEvent.click(button('Continue'));
    fireEvent.click(await screen.findByRole('button', { name: 'Pause subscription' }));
    fireEvent.click(button('Close'));
    await vi.waitFor(() => expect(effects.acceptOffer).toHaveBeenCalled());
    apply();
    await screen.findByRole('dialog', { name: 'Thank you for staying' });
    let settled = false;
    engine.outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    fireEvent.click(button('Close'));
    expect(await engine.outcome).toMatchObject({ status: 'saved', offer: 'pause' });
  });

  test('"Continue to cancel" stands beside the offer as the same kind of button', async () => {
    open();
    fireEvent.click(await screen.findByRole('radio', { name: 'Too expensive' }));
    fireEvent.click(button('Continue'));
    const accept = await screen.findByRole('button', { name: 'Switch to Basic' });
    const cancel = button('Continue to cancel');
    expect(cancel.className).toBe(accept.className);
    expect(cancel.parentElement).toBe(accept.parentElement);
  });

  test('a failed accept says so, offers a retry, and keeps "Continue to cancel"', async () => {
    const { effects } = open();
    effects.acceptOffer.mockRejectedValueOnce(new Error('billing down'));
    fireEvent.click(await screen.findByRole('radio', { name: 'Not using it' }));
    fireEvent.click(button('Continue'));
    fireEvent.click(await screen.findByRole('button', { name: 'Pause subscription' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/couldn't confirm that this offer was applied/);
    fireEvent.click(button('Retry'));
    await screen.findByRole('dialog', { name: 'Thank you for staying' });
    expect(effects.acceptOffer).toHaveBeenCalledTimes(2);
  });

  test('the step counter numbers the steps taken: picking a reason does not change it, and it has no total', async () => {
    open();
    await screen.findByText('Step 1');
    fireEvent.click(screen.getByRole('radio', { name: 'Not using it' }));
    expect(screen.getByText('Step 1')).toBeTruthy();
    fireEvent.click(button('Continue'));
    await screen.findByRole('heading', { name: 'Pause your subscription' });
    expect(screen.getByText('Step 2')).toBeTruthy();
    fireEvent.click(button('Continue to cancel'));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
    expect(screen.getByText('Step 3')).toBeTruthy();
  });

  test('an offer has one way on besides accepting: "Continue to cancel", and no "No thanks" beside it', async () => {
    open();
    fireEvent.click(await screen.findByRole('radio', { name: 'Not using it' }));
    fireEvent.click(button('Continue'));
    await screen.findByRole('heading', { name: 'Pause your subscription' });
    const names = screen.getAllByRole('button').map((b) => b.textContent);
    expect(names.filter((n) => n === 'Continue to cancel')).toHaveLength(1);
    expect(names).not.toContain('No thanks');
    fireEvent.click(button('Continue to cancel'));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
  });

  test('a question whose next step is the confirm step shows one button, "Continue to cancel"', async () => {
    const { events } = open();
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('dialog', { name: 'Anything else you want to tell us?' });
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    fireEvent.input(screen.getByRole('textbox'), { target: { value: 'Great support' } });
    fireEvent.click(button('Continue to cancel'));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
    expect(events.some((e) => e.type === 'feedback_submitted')).toBe(true);
  });

  test('back returns to the steps actually visited', async () => {
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
    fireEvent.click(button('Back'));
    await screen.findByRole('dialog', { name: 'Why are you leaving?' });
  });

  test('the feedback counter counts what was written', async () => {
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('dialog', { name: 'Anything else you want to tell us?' });
    fireEvent.input(screen.getByRole('textbox'), { target: { value: 'Great support' } });
    expect(await screen.findByText('13 of 200 characters')).toBeTruthy();
  });

  test('within the EU withdrawal period the confirm step offers to withdraw, and the receipt says so', async () => {
    const { effects } = open({
      config: { ...flowConfig, compliance: ['eu'], policy: { ...flowConfig.policy, withdrawalDays: 14 } },
      subscriber: { country: 'NL', since: '2026-07-01' },
      now: new Date('2026-07-05T10:00:00Z'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw from the contract' }));
    await screen.findByRole('dialog', { name: 'You have withdrawn from the contract' });
    expect(effects.confirmCancel).toHaveBeenCalledWith(expect.objectContaining({ withdraw: true }));
  });

  test('a withdrawal the server refuses because its period ended meanwhile: the step says so and keeps the cancel', async () => {
    const { engine, effects } = open({
      config: { ...flowConfig, compliance: ['eu'], policy: { ...flowConfig.policy, withdrawalDays: 14 } },
      subscriber: { country: 'NL', since: '2026-07-01' },
      now: new Date('2026-07-05T10:00:00Z'),
    });
    // The server's answer, as the HTTP adapter throws it: its clock, not the browser's, decided.
    effects.confirmCancel.mockRejectedValueOnce(
      new AdapterError('invalid', 'POST /v1/sessions/s1/cancel answered 422', 422, {
        error: {
          code: 'unprocessable',
          message: 'the withdrawal period ended on 2026-07-14',
          withdrawalEnded: '2026-07-14',
        },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw from the contract' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The withdrawal period ended on July 14, 2026, so you can no longer withdraw from the contract. Nothing has been cancelled: you can still cancel below.',
    );
    expect(screen.queryByRole('button', { name: 'Withdraw from the contract' })).toBeNull();
    expect(engine.state.peek()).toMatchObject({ status: 'running', ended: false });
    fireEvent.click(button('Cancel subscription'));
    await screen.findByRole('dialog', { name: 'Your subscription is cancelled' });
    expect(effects.confirmCancel).toHaveBeenLastCalledWith(expect.not.objectContaining({ withdraw: true }));
  });
});
