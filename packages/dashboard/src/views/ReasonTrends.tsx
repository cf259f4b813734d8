import { DataTable } from '../components/DataTable.tsx';
import { ReportSection } from '../components/ReportSection.tsx';
import { Status } from '../components/Status.tsx';
import { count, day, reasonName } from '../format.ts';
import { isPartial, utcToday } from '../periods.ts';
import type { Filters } from '../types.ts';
import { useReport } from '../use-report.ts';

/** `GET /v1/admin/insights/reason-trends` (docs/server.md): one row per period and reason. */
export interface ReasonPeriod {
  readonly period: string;
  readonly reasonId: string;
  readonly reasonLabel: string | null;
  readonly sessions: number;
}

/** The most common reasons get a column each; the rest are summed in "Other reasons". */
const SHOWN = 5;

/** Each week's sessions per reason: how the reasons move over time (the CSV has every count). */
export function ReasonTrends({ filters }: { filters: Filters }) {
  const params = { ...filters, by: 'week' };
  const loaded = useReport<{ periods: ReasonPeriod[]; allPeriods?: string[] }>('reason-trends', filters, {
    by: 'week',
  });
  return (
    <ReportSection title="Reasons by week" report="reason-trends" params={params} what="reasons by week">
      <Status loaded={loaded}>
        {({ periods, allPeriods }) => <ReasonTrendsTable periods={periods} weeks={allPeriods} range={filters} />}
      </Status>
    </ReportSection>
  );
}

/** The table of `ReasonTrends`: a row per week, a column per common reason, the rest summed. */
export function ReasonTrendsTable({
  periods,
  weeks: every,
  range = {},
}: {
  periods: readonly ReasonPeriod[];
  /** Every week of the range, those without a session too (the API's `allPeriods`): each gets a row of zeros. */
  weeks?: readonly string[];
  /** The filter bar's dates and today: a week they cut short is marked partial, as on the overview. */
  range?: { readonly from?: string; readonly to?: string; readonly today?: string };
}) {
  const today = range.today ?? utcToday();
  const totals = new Map<string, ReasonPeriod & { total: number }>();
  for (const p of periods) {
    const t = totals.get(p.reasonId);
    totals.set(p.reasonId, { ...p, total: (t?.total ?? 0) + p.sessions });
  }
  const top = [...totals.values()].sort((a, b) => b.total - a.total).slice(0, SHOWN);
  const weeks = every ?? [...new Set(periods.map((p) => p.period))];
  const cell = (week: string, reasonId: string) =>
    periods.find((p) => p.period === week && p.reasonId === reasonId)?.sessions ?? 0;
  const others = (week: string) =>
    periods
      .filter((p) => p.period === week && !top.some((t) => t.reasonId === p.reasonId))
      .reduce((sum, p) => sum + p.sessions, 0);
  return (
    <DataTable
      caption="Sessions per reason, by week (Mondays, UTC)"
      rows={weeks}
      rowKey={(w) => w}
      columns={[
        // The same day format as the overview's weeks ("7 Sept 2026"), never an ISO date broken over two lines.
        {
          label: 'Week of',
          render: (w) => (
            <span class="nowrap">
              {day(w)}
              {isPartial(w, 'week', { ...range, today }) ? <span class="note"> (partial)</span> : null}
            </span>
          ),
        },
        ...top.map((t) => ({
          label: reasonName(t),
          numeric: true,
          wrap: true,
          render: (w: string) => count(cell(w, t.reasonId)),
        })),
        ...(totals.size > SHOWN
          ? [{ label: 'Other reasons', numeric: true, render: (w: string) => count(others(w)) }]
          : []),
      ]}
    />
  );
}
