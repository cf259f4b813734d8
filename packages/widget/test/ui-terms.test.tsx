import { fireEvent, screen } from '@testing-library/preact';
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
