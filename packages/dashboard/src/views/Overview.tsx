import { ReportSection } from '../components/ReportSection.tsx';
import { Status } from '../components/Status.tsx';
import { grouping, hashFor } from '../state.ts';
import type { Counts, Filters, Money, Period, TrendRow } from '../types.ts';
import { useReport } from '../use-report.ts';
import { Trends } from './Trends.tsx';

type Answer = Partial<Record<`${Period}s`, readonly (Counts & { mrrSaved: Money } & Record<string, unknown>)[]>>;

/** The trends report's rows for `by`, each with its period under one name. */
function rowsOf(answer: Answer, by: Period): TrendRow[] {
  return (answer[`${by}s`] ?? []).map((row) => ({ ...row, period: String(row[by]) }));
}

/** Save rate and outcomes over time, by day, week (the default) or month. */
export function Overview({ filters }: { filters: Filters }) {
  const by = grouping.value;
  // Through the hash, as the filter bar's changes: the grouping is part of the view's link.
  const setBy = (next: Period) => {
    location.hash = hashFor('overview', filters, next);
  };
  const trends = useReport<Answer>('trends', filters, { by });
  return (
    <ReportSection title="Over time" report="trends" params={{ ...filters, by }} what={`the numbers by ${by}`}>
      <form class="toolbar" aria-label="Grouping" onSubmit={(e) => e.preventDefault()}>
        <label>
          Group by
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as Period)}>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </label>
      </form>
      <Status loaded={trends}>{(data) => <Trends rows={rowsOf(data, by)} by={by} range={filters} />}</Status>
    </ReportSection>
  );
}
