import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NoSessions } from '../../src/components/NoSessions.tsx';

// A site just added to the sites file, chosen with no dates set, was told to "widen the dates": there
// are none to widen, and the PM is left wondering whether the site's widget works.
describe('no session for a chosen site', () => {
  it('names the site and where its sessions come from, with no word of dates when none are set', () => {
    render(<NoSessions filtered site="shop" />);
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toMatch(/No sessions on site shop yet/);
    expect(text).toMatch(/opens the cancel flow/);
    expect(text).not.toMatch(/dates/);
  });

  it('still says to widen the dates when dates are part of the filters', () => {
    render(<NoSessions filtered />);
    expect(screen.getByRole('status').textContent).toMatch(/widen the dates/);
  });
});
