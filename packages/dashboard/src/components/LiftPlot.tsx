import { points } from '../format.ts';
import type { VariantRow } from '../types.ts';

/**
 * Each variant's lift over the holdout as a dot on its 95% interval, around a zero line: an interval
 * clear of the line is a difference, one across it is not (yet). Decorative: the verdicts and the
 * table next to it say the same in words and numbers, so it is hidden from screen readers.
 */
export function LiftPlot({ variants }: { variants: readonly VariantRow[] }) {
  const rows = variants.filter((v) => v.liftVsHoldout);
  if (rows.length === 0) return null;
  // A symmetric scale in whole 5-point steps, wide enough for every interval.
  const widest = Math.max(...rows.flatMap((v) => (v.liftVsHoldout?.ci95 ?? [0, 0]).map(Math.abs)));
  const extent = Math.max(5, Math.ceil((widest * 100) / 5) * 5) / 100;
  const at = (value: number) => `${((value + extent) / (2 * extent)) * 100}%`;
  return (
    <figure class="lift-plot" aria-hidden="true">
      {rows.map((v) => {
        const lift = v.liftVsHoldout as NonNullable<VariantRow['liftVsHoldout']>;
        const [low, high] = lift.ci95;
        return (
          <div key={v.variantId} class="lift-row">
            <span class="lift-label">{v.variantId}</span>
            <span class="lift-track">
              <span class="lift-zero" style={{ left: at(0) }} />
              <span
                class={`lift-ci${low > 0 ? ' up' : high < 0 ? ' down' : ''}`}
                style={{ left: at(low), width: `calc(${at(high)} - ${at(low)})` }}
              />
              <span class="lift-dot" style={{ left: at(lift.diff) }} />
            </span>
          </div>
        );
      })}
      <div class="lift-row lift-axis">
        <span class="lift-label" />
        <span class="lift-track">
          <span style={{ left: '0%' }}>{points(-extent)}</span>
          <span style={{ left: '50%' }}>0 pts vs holdout</span>
          <span style={{ left: '100%' }}>{points(extent)}</span>
        </span>
      </div>
    </figure>
  );
}
