import { useMemo } from 'preact/hooks';
import { Chart, type ChartSeries } from '../components/Chart.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Money } from '../components/Money.tsx';
import { count, day, month, percent } from '../format.ts';
import type { Period, TrendRow } from '../types.ts';

const toSeconds = (period: string) => Date.parse(`${period.length === 7 ? `${period}-01` : period}T00:00:00Z`) / 1000;
const asPercent = (v: number) => `${v.toFixed(0)}%`;
const asCount = (v: number) => count(v);
const asMonth = (seconds: number) => month(new Date(seconds * 1000).toISOString());

const LABELS: Record<Period, { noun: string; column: string; caption: string }> = {
  day: { noun: 'day', column: 'Day', caption: 'Daily numbers (UTC days)' },
  week: { noun: 'week', column: 'Week of', caption: 'Weekly numbers (weeks start on Monday, UTC)' },
  month: { noun: 'month', column: 'Month', caption: 'Monthly numbers (UTC)' },
};

/** Save rate and outcomes per day, week or month (the trends report): two charts and the table they draw. */
export function Trends({ rows, by }: { rows: readonly TrendRow[]; by: Period }) {
  const labels = LABELS[by];
  const x = useMemo(() => rows.map((r) => toSeconds(r.period)), [rows]);
  // From zero, always (a rate axis that starts higher exaggerates changes); up to the next 10% above the highest.
  const rateRange = useMemo(() => {
    const highest = Math.max(0, ...rows.map((r) => (r.saveRate ?? 0) * 100));
    return [0, Math.min(100, Math.ceil((highest + 1) / 10) * 10)] as const;
  }, [rows]);
  const rate = useMemo<ChartSeries[]>(
    () => [
      {
        label: 'Save rate',
        color: '--series-1',
        values: rows.map((r) => (r.saveRate === null ? null : r.saveRate * 100)),
      },
    ],
    [rows],
  );
  const outcomes = useMemo<ChartSeries[]>(
    () => [
      { label: 'Saved', color: '--series-2', values: rows.map((r) => r.saved) },
      { label: 'Cancelled', color: '--series-3', dash: [6, 4], values: rows.map((r) => r.cancelled) },
      { label: 'Abandoned', color: '--series-4', dash: [2, 3], values: rows.map((r) => r.abandoned) },
    ],
    [rows],
  );
  const label = (period: string) => (by === 'month' ? month(period) : day(period));
  const xFormat = by === 'month' ? asMonth : undefined;
  return (
    <>
      {rows.length === 0 ? (
        <p class="muted">No sessions in this range.</p>
      ) : (
        <div class="charts">
          <Chart
            label={`Save rate by ${labels.noun} (saved ÷ decided)`}
            x={x}
            series={rate}
            format={asPercent}
            xFormat={xFormat}
            range={rateRange}
          />
          <Chart label={`Outcomes by ${labels.noun}`} x={x} series={outcomes} format={asCount} xFormat={xFormat} />
        </div>
      )}
      <DataTable
        caption={labels.caption}
        rows={rows}
        rowKey={(r) => r.period}
        columns={[
          { label: labels.column, render: (r) => label(r.period) },
          { label: 'Sessions', numeric: true, render: (r) => count(r.sessions) },
          { label: 'Saved', numeric: true, render: (r) => count(r.saved) },
          { label: 'Cancelled', numeric: true, render: (r) => count(r.cancelled) },
          { label: 'Abandoned', numeric: true, render: (r) => count(r.abandoned) },
          { label: 'Save rate', numeric: true, render: (r) => percent(r.saveRate) },
          { label: 'MRR saved', numeric: true, render: (r) => <Money sums={r.mrrSaved} /> },
        ]}
      />
    </>
  );
}
