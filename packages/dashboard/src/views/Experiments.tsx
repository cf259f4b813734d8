import { DataTable } from '../components/DataTable.tsx';
import { LiftPlot } from '../components/LiftPlot.tsx';
import { ReportSection } from '../components/ReportSection.tsx';
import { Status } from '../components/Status.tsx';
import { count, interval, percent, points } from '../format.ts';
import { filtered } from '../state.ts';
import type { Experiment, Filters, VariantRow } from '../types.ts';
import { useReport } from '../use-report.ts';
import { verdict } from '../verdict.ts';

const ended = (v: VariantRow) => v.saved + v.cancelled + v.abandoned;

/** One experiment: each variant's kept rate with its 95% CI, the lift over the holdout, and the verdict. */
export function ExperimentCard({ experiment }: { experiment: Experiment }) {
  const holdout = experiment.variants.find((v) => v.holdout);
  return (
    <article class="experiment" aria-labelledby={`exp-${experiment.experimentId}`}>
      <h3 id={`exp-${experiment.experimentId}`}>{experiment.experimentId}</h3>
      <ul class="verdicts">
        {experiment.variants
          .filter((v) => !v.holdout)
          .map((v) => (
            <li key={v.variantId} data-variant={v.variantId}>
              {verdict(v, holdout)}
            </li>
          ))}
      </ul>
      <LiftPlot variants={experiment.variants} />
      <DataTable
        caption={`${experiment.experimentId}: kept rate per variant`}
        rows={experiment.variants}
        rowKey={(v) => v.variantId}
        columns={[
          {
            label: 'Variant',
            render: (v) => (v.holdout && !/holdout/i.test(v.variantId) ? `${v.variantId} (holdout)` : v.variantId),
          },
          { label: 'Ended sessions', numeric: true, render: (v) => count(ended(v)) },
          { label: 'Kept rate', numeric: true, render: (v) => percent(v.keptRate) },
          { label: 'Kept rate 95% CI', numeric: true, render: (v) => interval(v.keptRateCi95) },
          {
            label: 'Lift vs holdout',
            numeric: true,
            render: (v) => (v.liftVsHoldout ? `${points(v.liftVsHoldout.diff)} pts` : '—'),
          },
          {
            label: 'Lift 95% CI',
            numeric: true,
            render: (v) => (v.liftVsHoldout ? `${interval(v.liftVsHoldout.ci95, 'points')} pts` : '—'),
          },
        ]}
      />
    </article>
  );
}

export function Experiments({ filters }: { filters: Filters }) {
  const loaded = useReport<{ experiments: Experiment[] }>('experiments', filters);
  return (
    <ReportSection title="Experiments" report="experiments" params={{ ...filters }}>
      <p class="muted">
        Kept rate = (saved + abandoned) ÷ ended sessions: a holdout shows no offers, so it can keep subscribers but
        never save them. The lift's 95% interval is Newcombe's hybrid score method.
      </p>
      <Status loaded={loaded}>
        {(data) =>
          data.experiments.length === 0 ? (
            <p class="muted">
              {filtered.value
                ? 'No experiment sessions for these filters.'
                : "No experiment sessions yet: a flow's experiments show here once subscribers are assigned a variant."}
            </p>
          ) : (
            data.experiments.map((e) => <ExperimentCard key={e.experimentId} experiment={e} />)
          )
        }
      </Status>
    </ReportSection>
  );
}
