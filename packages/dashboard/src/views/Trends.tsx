import { useMemo } from 'preact/hooks';
import { Chart, type ChartSeries } from '../components/Chart.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Money } from '../components/Money.tsx';
import { ReportSection } from '../components/ReportSection.tsx';
import { count, day, percent } from '../format.ts';
import type { Filters, Week } from '../types.ts';

const toSeconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const asPercent = (v: number) => `${v.toFixed(0)}%`;
const asCount = (v: number) => count(v);

/** Save rate and outcomes by week (the trends report): two charts and the table they draw. */
export function Trends({ weeks, filters }: { weeks: readonly Week[]; filters: Filters }) {
  const x = useMemo(() => weeks.map((w) => toSeconds(w.week)), [weeks]);
  // From zero, always (a rate axis that starts higher exaggerates changes); up to the next 10% above the highest week.
  const rateRange = useMemo(() => {
    const highest = Math.max(0, ...weeks.map((w) => (w.saveRate ?? 0) * 100));
    return [0, Math.min(100, Math.ceil((highest + 1) / 10) * 10)] as const;
  }, [weeks]);
  const rate = useMemo<ChartSeries[]>(
    () => [
      {
        label: 'Save rate',
        color: '--series-1',
        values: weeks.map((w) => (w.saveRate === null ? null : w.saveRate * 100)),
      },
    ],
    [weeks],
  );
  const outcomes = useMemo<ChartSeries[]>(
    () => [
      { label: 'Saved', color: '--series-2', values: weeks.map((w) => w.saved) },
      { label: 'Cancelled', color: '--series-3', dash: [6, 4], values: weeks.map((w) => w.cancelled) },
      { label: 'Abandoned', color: '--series-4', dash: [2, 3], values: weeks.map((w) => w.abandoned) },
    ],
    [weeks],
  );
  return (
    <ReportSection title="By week" report="trends" params={{ ...filters }} what="the weekly numbers">
      {weeks.length === 0 ? (
        <p class="muted">No sessions in this range.</p>
      ) : (
        <div class="charts">
          <Chart label="Save rate by week (saved ÷ decided)" x={x} series={rate} format={asPercent} range={rateRange} />
          <Chart label="Outcomes by week" x={x} series={outcomes} format={asCount} />
        </div>
      )}
      <DataTable
        caption="Weekly numbers (weeks start on Monday, UTC)"
        rows={weeks}
        rowKey={(w) => w.week}
        columns={[
          { label: 'Week of', render: (w) => day(w.week) },
          { label: 'Sessions', numeric: true, render: (w) => count(w.sessions) },
          { label: 'Saved', numeric: true, render: (w) => count(w.saved) },
          { label: 'Cancelled', numeric: true, render: (w) => count(w.cancelled) },
          { label: 'Abandoned', numeric: true, render: (w) => count(w.abandoned) },
          { label: 'Save rate', numeric: true, render: (w) => percent(w.saveRate) },
          { label: 'MRR saved', numeric: true, render: (w) => <Money sums={w.mrrSaved} /> },
        ]}
      />
    </ReportSection>
  );
}
