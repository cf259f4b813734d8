import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { OfferRow, Summary } from '../../src/types.ts';
import { OffersTable } from '../../src/views/Offers.tsx';
import { SummaryCards } from '../../src/views/Summary.tsx';

const offer = (offerId: string, mrrSaved: Record<string, number>, offerName: string | null = null): OfferRow => ({
  offerId,
  offerName,
  offerType: 'discount',
  shown: 10,
  accepted: 3,
  acceptanceRate: 0.3,
  mrrSaved,
});

describe('revenue saved, per currency', () => {
  it('lists each currency of an offer on its own line and never their sum', () => {
    render(<OffersTable offers={[offer('discount_30', { USD: 49, EUR: 50.5 }, '30% off for 3 months')]} />);
    const row = screen.getByRole('row', { name: /30% off for 3 months/ });
    const lines = within(row).getAllByRole('listitem');
    expect(lines.map((li) => li.textContent)).toEqual(['€50.50', '$49.00']);
    expect(row.textContent).not.toContain('99.5');
    expect(row.textContent).toContain('discount_30'); // the id stays visible under the name
  });

  it('shows an offer without a display name by its id, and no revenue as a dash', () => {
    render(<OffersTable offers={[offer('legacy_offer', {})]} />);
    const row = screen.getByRole('row', { name: /legacy_offer/ });
    expect(within(row).queryAllByRole('listitem')).toEqual([]);
    expect(row.textContent).toContain('—');
  });

  it('the summary card keeps USD, EUR and amounts without a currency apart', () => {
    const summary: Summary = {
      sessions: 10,
      open: 1,
      saved: 4,
      cancelled: 4,
      abandoned: 1,
      saveRate: 0.5,
      abandonRate: 1 / 9,
      mrrSaved: { USD: 1200, EUR: 300, unknown: 12 },
    };
    const { container } = render(<SummaryCards summary={summary} />);
    const card = container.querySelector('[data-card="mrr-saved"]') as HTMLElement;
    expect(
      within(card)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['€300.00', '$1,200.00', '12.00 (no currency given)']);
    expect(container.querySelector('[data-card="save-rate"]')?.textContent).toContain('50.0%');
  });
});
