import { DataTable } from '../components/DataTable.tsx';
import { Money } from '../components/Money.tsx';
import { ReportSection } from '../components/ReportSection.tsx';
import { Status } from '../components/Status.tsx';
import { count, percent } from '../format.ts';
import type { Filters, OfferRow } from '../types.ts';
import { useReport } from '../use-report.ts';

/** Acceptance per offer and the MRR it saved, in each currency on its own line. */
export function OffersTable({ offers }: { offers: readonly OfferRow[] }) {
  return (
    <DataTable
      caption="Offers: how often each was shown and accepted"
      rows={offers}
      rowKey={(o) => o.offerId}
      columns={[
        {
          label: 'Offer',
          render: (o) => (
            <>
              {o.offerName ?? o.offerId}
              {o.offerName ? <span class="id">{o.offerId}</span> : null}
            </>
          ),
        },
        { label: 'Type', render: (o) => o.offerType ?? '—' },
        { label: 'Shown', numeric: true, render: (o) => count(o.shown) },
        { label: 'Accepted', numeric: true, render: (o) => count(o.accepted) },
        { label: 'Acceptance', numeric: true, render: (o) => percent(o.acceptanceRate) },
        { label: 'MRR saved', numeric: true, render: (o) => <Money sums={o.mrrSaved} /> },
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
        revenue in the currency their token named; currencies are never added together.
      </p>
      <Status loaded={loaded}>{(data) => <OffersTable offers={data.offers} />}</Status>
    </ReportSection>
  );
}
