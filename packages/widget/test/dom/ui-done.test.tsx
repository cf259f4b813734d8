/** @jsxImportSource #vdom */
import { FlowConfig, type FlowConfigInput } from '@cancelflow/core/schema';
import { fireEvent, screen } from '@testing-library/dom';
import { describe, expect, test } from 'vitest';
import { receiptFile } from '../../src/ui/receipt.ts';
import { flowConfig, makeUi, openApp as open } from './ui-fixture.ts';

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

describe("the receipt's lines", () => {
  // In a right-to-left dialog a left-to-right line is laid out by the paragraph's direction unless it
  // is isolated: "Acme Inc." would read ".Acme Inc". Each line is a <bdi>, in every language.
  test('are each isolated', async () => {
    open({
      config: {
        ...flowConfig,
        policy: { ...flowConfig.policy, company: { name: 'Acme Inc.', address: '1 Main Street, Springfield' } },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    const company = await screen.findByText('Acme Inc.');
    expect(company.tagName).toBe('BDI');
    const lines = [...(company.closest('ul')?.children ?? [])];
    expect(lines.map((line) => line.firstElementChild?.tagName)).toEqual(lines.map(() => 'BDI'));
    expect(lines.length).toBeGreaterThan(4);
  });

  test('are isolated in the file the subscriber downloads too', async () => {
    const config = FlowConfig.parse({
      ...flowConfig,
      policy: { ...flowConfig.policy, company: { name: 'Acme Inc.' } },
    });
    const { ui } = makeUi();
    const receipt = { id: 'rcpt_1', sessionId: 's1', confirmedAt: '2026-03-10T12:00:00Z', refund: 'None' };
    const html = await receiptFile(receipt, ui.t, config).text();
    expect(html).toContain('<li><bdi>Acme Inc.</bdi></li>');
    expect(html.match(/<li>/g)?.length).toBe(html.match(/<li><bdi>/g)?.length);
  });
});
