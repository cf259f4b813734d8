import { useMemo } from 'preact/hooks';
import { Chart, type ChartSeries } from '../components/Chart.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Money } from '../components/Money.tsx';
import { count, day, month, percent } from '../format.ts';
import { isPartial, utcToday } from '../periods.ts';
import { filtered } from '../state.ts';
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

interface Props {
  readonly rows: readonly TrendRow[];
  readonly by: Period;
  /** The filter bar's dates and today (UTC days): a period they cut short is marked partial. */
  readonly range?: { readonly from?: string; readonly to?: string; readonly today?: string };
}

/** Save rate and outcomes per day, week or month (the trends report): two charts and the table they draw. */
export function Trends({ rows, by, range = {} }: Props) {
  const labels = LABELS[by];
  const today = range.today ?? utcToday();
  const partial = rows.filter((r) => isPartial(r.period, by, { ...range, today })).map((r) => r.period);
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
  const name = (period: string) => (by === 'month' ? month(period) : day(period));
  const label = (period: string) =>
    partial.includes(period) ? (
      <>
        {name(period)} <span class="note">(partial)</span>
      </>
    ) : (
      name(period)
    );
  const xFormat = by === 'month' ? asMonth : undefined;
  return (
    <>
      {rows.length === 0 ? (
        <p class="muted">{filtered.value ? 'No sessions for these filters.' : 'No sessions yet: nothing to draw.'}</p>
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
      {partial.length > 0 && rows.length > 1 ? (
        <p class="muted" data-partial-note>
          {`(partial): the range holds only part of that ${labels.noun} — it starts or ends inside it, or the ${labels.noun} is not over yet — so its counts are lower than a whole ${labels.noun}'s; its save rate still compares.`}
        </p>
      ) : null}
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
