import { DataTable } from '../components/DataTable.tsx';
import { ReportSection } from '../components/ReportSection.tsx';
import { Status } from '../components/Status.tsx';
import { count, percent, reasonName } from '../format.ts';
import type { Filters, ReasonRow } from '../types.ts';
import { useReport } from '../use-report.ts';
import { ReasonTrends } from './ReasonTrends.tsx';

/** Each reason's sessions as a bar (against the most common reason), and the outcomes beside it. */
export function ReasonsTable({ reasons }: { reasons: readonly ReasonRow[] }) {
  const most = Math.max(0, ...reasons.map((r) => r.sessions));
  return (
    <DataTable
      caption="Why subscribers wanted to cancel"
      rows={reasons}
      rowKey={(r) => r.reasonId}
      columns={[
        {
          label: 'Reason',
          wrap: true,
          render: (r) => (
            <>
              {reasonName(r)}
              {r.reasonLabel ? <span class="id">{r.reasonId}</span> : null}
            </>
          ),
        },
        {
          label: 'Sessions',
          numeric: true,
          render: (r) => (
            <span class="bar-cell">
              <span class="track" aria-hidden="true">
                <span class="bar" style={{ width: `${most ? (r.sessions / most) * 100 : 0}%` }} />
              </span>
              {count(r.sessions)}
            </span>
          ),
        },
        { label: 'Saved', numeric: true, render: (r) => count(r.saved) },
        { label: 'Cancelled', numeric: true, render: (r) => count(r.cancelled) },
        { label: 'Abandoned', numeric: true, render: (r) => count(r.abandoned) },
        { label: 'Open', numeric: true, render: (r) => count(r.open) },
        { label: 'Save rate', numeric: true, render: (r) => percent(r.saveRate) },
      ]}
    />
  );
}

export function Reasons({ filters }: { filters: Filters }) {
  const loaded = useReport<{ reasons: ReasonRow[] }>('reasons', filters);
  return (
    <>
      <ReportSection title="Reasons" report="reasons" params={{ ...filters }}>
        <Status loaded={loaded}>{(data) => <ReasonsTable reasons={data.reasons} />}</Status>
      </ReportSection>
      <ReasonTrends filters={filters} />
    </>
  );
}
