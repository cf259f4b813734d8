import { DataTable } from '../components/DataTable.tsx';
import { Money } from '../components/Money.tsx';
import { ReportSection } from '../components/ReportSection.tsx';
import { Status } from '../components/Status.tsx';
import { count, percent } from '../format.ts';
import type { Filters, OfferRow } from '../types.ts';
import { useReport } from '../use-report.ts';

/**
 * Of an offer's saves already due, how many billing says were retained, and how many are not due yet:
 * "2 of 3 due; 3 not due yet". With none due it says only how many are pending; a bare "0 of 0" read as "kept no one".
 */
function retainedText(o: OfferRow): string {
  if (o.retained === undefined) return '—';
  const due = o.retained + (o.lost ?? 0);
  const parts = [
    ...(due > 0 ? [`${count(o.retained)} of ${count(due)} due`] : []),
    ...(o.pending ? [`${count(o.pending)} not due yet`] : []),
  ];
  return parts.length ? parts.join('; ') : '—';
}

/**
 * A contact offer is shown, never accepted (the server refuses to: following its links is not a
 * decision to stay), so "0" and "0.0%" would read as an offer that failed; it says "—" instead.
 */
const neverTaken = (o: OfferRow) => o.offerType === 'contact';

/** Acceptance per offer, the MRR it saved and how much of it billing says was retained, per currency. */
export function OffersTable({ offers }: { offers: readonly OfferRow[] }) {
  return (
    <DataTable
      caption="Offers: how often each was shown and accepted"
      rows={offers}
      rowKey={(o) => o.offerId}
      columns={[
        {
          label: 'Offer',
          wrap: true,
          render: (o) => (
            <>
              {o.offerName ?? o.offerId}
              {o.offerName ? <span class="id">{o.offerId}</span> : null}
            </>
          ),
        },
        { label: 'Type', render: (o) => o.offerType ?? '—' },
        { label: 'Shown', numeric: true, render: (o) => count(o.shown) },
        { label: 'Accepted', numeric: true, render: (o) => (neverTaken(o) ? '—' : count(o.accepted)) },
        { label: 'Acceptance', numeric: true, render: (o) => (neverTaken(o) ? '—' : percent(o.acceptanceRate)) },
        { label: 'MRR saved', numeric: true, render: (o) => <Money sums={o.mrrSaved} /> },
        {
          label: 'Retained',
          numeric: true,
          render: retainedText,
        },
        { label: 'MRR retained', numeric: true, render: (o) => <Money sums={o.mrrRetained ?? {}} /> },
      ]}
    />
  );
}

export function Offers({ filters }: { filters: Filters }) {
  const loaded = useReport<{ offers: OfferRow[] }>('offers', filters);
  return (
    <ReportSection title="Offers" report="offers" params={{ ...filters }}>
      <p class="muted">
        Shown: sessions that saw the offer. Accepted: offers billing applied. MRR saved is the subscribers' monthly
        revenue in the currency their token named; currencies are never added together. Retained: of the saves now due,
        those whose subscriber still paid N days after the save (billing's word; pending ones are left out). A contact
        offer is shown, never accepted: following its links is not a decision to stay.
      </p>
      <Status loaded={loaded}>{(data) => <OffersTable offers={data.offers} />}</Status>
    </ReportSection>
  );
}
