import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { ConfirmStep } from '../src/ui/ConfirmStep.tsx';

describe('ConfirmStep', () => {
  test('is a labelled, described modal dialog that focuses its first action', () => {
    render(<ConfirmStep onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Cancel your subscription?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBe('cf-description');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep my subscription' }));
  });

  test('confirming reports "cancelled", keeping reports "abandoned"', () => {
    const onClose = vi.fn();
    render(<ConfirmStep onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel subscription' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep my subscription' }));
    expect(onClose.mock.calls).toEqual([['cancelled'], ['abandoned']]);
  });

  test('Escape closes as "abandoned"', () => {
    const onClose = vi.fn();
    render(<ConfirmStep onClose={onClose} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledWith('abandoned');
  });

  test('Tab from the last action wraps to the first, Shift+Tab from the first wraps to the last', () => {
    render(<ConfirmStep onClose={() => {}} />);
    const keep = screen.getByRole('button', { name: 'Keep my subscription' });
    const cancel = screen.getByRole('button', { name: 'Cancel subscription' });
    cancel.focus();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Tab' });
    expect(document.activeElement).toBe(keep);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
  });
});
