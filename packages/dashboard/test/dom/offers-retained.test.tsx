import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { OfferRow } from '../../src/types.ts';
import { OffersTable } from '../../src/views/Offers.tsx';

// An offer whose saves are all still pending showed "0 of 0" under Retained, which reads as "kept no
// one" next to its MRR saved; the summary card says "N not due yet" for the same saves.
const offer = (retained: number, lost: number, pending: number): OfferRow => ({
  offerId: 'pause',
  offerName: 'Pause your subscription',
  offerType: 'pause',
  shown: 2,
  accepted: 1,
  acceptanceRate: 0.5,
  mrrSaved: { JPY: 4900 },
  retained,
  lost,
  pending,
  retainedRate: retained + lost === 0 ? null : retained / (retained + lost),
  mrrRetained: {},
});

const retainedCell = () => {
  const row = screen.getByRole('row', { name: /Pause your subscription/ });
  return within(row).getAllByRole('cell')[6]?.textContent;
};

describe("an offer's retained saves", () => {
  it('says how many saves are not due yet instead of "0 of 0"', () => {
    render(<OffersTable offers={[offer(0, 0, 1)]} />);
    expect(retainedCell()).toBe('1 not due yet');
  });

  it('counts the due saves, and the pending ones beside them', () => {
    render(<OffersTable offers={[offer(2, 1, 3)]} />);
    expect(retainedCell()).toBe('2 of 3 due; 3 not due yet');
  });

  it('leaves the pending part out when every save is due', () => {
    render(<OffersTable offers={[offer(2, 1, 0)]} />);
    expect(retainedCell()).toBe('2 of 3 due');
  });

  it('shows a dash for an offer with no save to check', () => {
    render(<OffersTable offers={[offer(0, 0, 0)]} />);
    expect(retainedCell()).toBe('—');
  });
});

// A contact offer is never accepted (the server refuses to): "0" and "0.0%" read as an offer that failed.
describe('a contact offer', () => {
  it('shows "—" for accepted and acceptance, and its type', () => {
    const talk: OfferRow = {
      ...offer(0, 0, 0),
      offerId: 'talk',
      offerName: 'Talk to us',
      offerType: 'contact',
      accepted: 0,
      acceptanceRate: 0,
      mrrSaved: {},
    };
    render(<OffersTable offers={[talk]} />);
    const cells = within(screen.getByRole('row', { name: /Talk to us/ }))
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(1, 5)).toEqual(['contact', '2', '—', '—']);
  });
});
