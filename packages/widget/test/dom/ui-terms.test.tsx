/** @jsxImportSource #vdom */
import { fireEvent, screen } from '@testing-library/dom';
import { describe, expect, test } from 'vitest';
import { openApp as open } from './ui-fixture.ts';

const button = (name: string) => screen.getByRole('button', { name });

async function toPauseOffer() {
  fireEvent.click(await screen.findByRole('radio', { name: 'Not using it' }));
  fireEvent.click(button('Continue'));
  await screen.findByRole('heading', { name: 'Pause your subscription' });
}

describe('what the modal says is what billing does', () => {
  test('a one-month pause taken on 31 January resumes on 28 February, as billing counts', async () => {
    open({ now: new Date('2026-01-31T18:00:00Z') });
    await toPauseOffer();
    expect(screen.getByText('Billing resumes on February 28, 2026')).toBeTruthy();
  });
});

describe('the confirm step states the terms this subscriber gets', () => {
  test('with the period end unknown, access lasts until the end of the billing period, never "now"', async () => {
    open({ subscriber: { periodEnd: undefined } });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
    expect(screen.getByText('Your access lasts until the end of the current billing period.')).toBeTruthy();
    expect(screen.queryByText(/ends now/)).toBeNull();
  });

  test('with the last payment known, the refund line says what they get back', async () => {
    open({ subscriber: { lastPaymentOn: '2026-03-01', lastPaymentAmount: 49, currency: 'USD' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    await screen.findByRole('dialog', { name: 'Confirm cancellation' });
    expect(screen.getByText('You will be refunded $49.')).toBeTruthy();
  });

  test('a receipt without a known end day says access lasts to the end of the period', async () => {
    const { effects } = open({ subscriber: { periodEnd: undefined } });
    effects.confirmCancel.mockResolvedValueOnce({
      id: 'rcpt_2',
      sessionId: 's1',
      confirmedAt: '2026-03-10T12:00:00Z',
      refund: 'No refund applies to the current period.',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    await screen.findByRole('dialog', { name: 'Your subscription is cancelled' });
    expect(screen.getByText('Your access lasts until the end of the current billing period.')).toBeTruthy();
  });
});

describe('the done step names the change', () => {
  test("a pause: until the day billing stored, and billing's own message", async () => {
    const { effects } = open({ now: new Date('2026-01-31T18:00:00Z') });
    effects.acceptOffer.mockResolvedValueOnce({ resumesOn: '2026-03-02', message: 'Paused in Acme Billing.' });
    await toPauseOffer();
    fireEvent.click(button('Pause subscription'));
    await screen.findByRole('dialog', { name: 'Thank you for staying' });
    expect(document.getElementById('cf-description')?.textContent).toBe(
      'Your subscription is paused until March 2, 2026. Paused in Acme Billing.',
    );
    expect(screen.queryByText('Your change has been applied.')).toBeNull();
  });

  test('a pause billing did not date: the day the offer showed, counted as billing counts', async () => {
    open({ now: new Date('2026-01-31T18:00:00Z') });
    await toPauseOffer();
    fireEvent.click(button('Pause subscription'));
    await screen.findByRole('dialog', { name: 'Thank you for staying' });
    expect(screen.getByText('Your subscription is paused until February 28, 2026.')).toBeTruthy();
  });

  test('a plan change: the plan now in force, by its display name', async () => {
    open();
    fireEvent.click(await screen.findByRole('radio', { name: 'Too expensive' }));
    fireEvent.click(button('Continue'));
    fireEvent.click(await screen.findByRole('radio', { name: /Lite/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Switch to Lite' }));
    await screen.findByRole('dialog', { name: 'Thank you for staying' });
    expect(screen.getByText('Your plan is now Lite.')).toBeTruthy();
  });
});
