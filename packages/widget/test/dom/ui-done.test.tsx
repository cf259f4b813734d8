/** @jsxImportSource #vdom */
import type { FlowConfigInput } from '@cancelflow/core/schema';
import { fireEvent, screen } from '@testing-library/dom';
import { describe, expect, test } from 'vitest';
import { flowConfig, openApp as open } from './ui-fixture.ts';

// The done step's own `title` and `description` (docs/config.md) word the receipt: they show after a
// cancel, never after a save, which the built-in thank-you names, nor after a withdrawal, which its
// built-in heading names as the legal act it is.

const withOwnWords = (config: FlowConfigInput = flowConfig): FlowConfigInput => ({
  ...config,
  steps: config.steps.map((step) =>
    step.type === 'done'
      ? { ...step, title: 'Your subscription has been cancelled', description: 'We are sorry to see you go.' }
      : step,
  ),
});

describe("the done step's own words", () => {
  test('after a cancel they head the receipt', async () => {
    open({ config: withOwnWords() });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    await screen.findByRole('dialog', { name: 'Your subscription has been cancelled' });
    expect(document.getElementById('cf-description')?.textContent).toBe('We are sorry to see you go.');
    expect(screen.getByText('Reference: rcpt_1')).toBeTruthy();
  });

  test('after a save they do not show: the thank-you says what changed', async () => {
    const { engine } = open({ config: withOwnWords() });
    fireEvent.click(await screen.findByRole('radio', { name: 'Not using it' }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Pause subscription' }));
    await screen.findByRole('dialog', { name: 'Thank you for staying' });
    expect(document.getElementById('cf-description')?.textContent).toBe(
      'Your subscription is paused until April 10, 2026.',
    );
    expect(screen.queryByText(/cancelled|sorry to see you go/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(await engine.outcome).toMatchObject({ status: 'saved', offer: 'pause' });
  });

  test('after a withdrawal the heading says so', async () => {
    open({
      config: withOwnWords({
        ...flowConfig,
        compliance: ['eu'],
        policy: { ...flowConfig.policy, withdrawalDays: 14 },
      }),
      subscriber: { country: 'NL', since: '2026-07-01' },
      now: new Date('2026-07-05T10:00:00Z'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw from the contract' }));
    await screen.findByRole('dialog', { name: 'You have withdrawn from the contract' });
  });
});
