import { DataTable } from '../components/DataTable.tsx';
import { ReportSection } from '../components/ReportSection.tsx';
import { Status } from '../components/Status.tsx';
import { count, reasonName } from '../format.ts';
import type { Filters } from '../types.ts';
import { useReport } from '../use-report.ts';

/** `GET /v1/admin/insights/reason-trends` (docs/server.md): one row per period and reason. */
interface ReasonPeriod {
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
  const loaded = useReport<{ periods: ReasonPeriod[] }>('reason-trends', filters, { by: 'week' });
  return (
    <ReportSection title="Reasons by week" report="reason-trends" params={params} what="reasons by week">
      <Status loaded={loaded}>
        {({ periods }) => {
          const totals = new Map<string, ReasonPeriod & { total: number }>();
          for (const p of periods) {
            const t = totals.get(p.reasonId);
            totals.set(p.reasonId, { ...p, total: (t?.total ?? 0) + p.sessions });
          }
          const top = [...totals.values()].sort((a, b) => b.total - a.total).slice(0, SHOWN);
          const weeks = [...new Set(periods.map((p) => p.period))];
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
                { label: 'Week of', render: (w) => w },
                ...top.map((t) => ({
                  label: reasonName(t),
                  numeric: true,
                  render: (w: string) => count(cell(w, t.reasonId)),
                })),
                ...(totals.size > SHOWN
                  ? [{ label: 'Other reasons', numeric: true, render: (w: string) => count(others(w)) }]
                  : []),
              ]}
            />
          );
        }}
      </Status>
    </ReportSection>
  );
}
