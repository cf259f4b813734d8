import { interval, unsignedPoints } from './format.ts';
import type { VariantRow } from './types.ts';

/**
 * Below this many ended sessions in the variant or in the holdout, the dashboard says "not enough
 * data yet" whatever the interval: with a handful of sessions a wide interval that happens to miss
 * zero is more likely luck than a result.
 */
export const MIN_ENDED = 30;

const ended = (v: VariantRow) => v.saved + v.cancelled + v.abandoned;

/**
 * The plain-language reading of a variant's lift over the holdout in kept rate (the API's Newcombe
 * 95% interval): "pause beats holdout by 10.6 points, 95% CI 6.3–14.1". It only restates the API's
 * numbers; an interval that contains zero is "no clear difference yet", never a winner.
 */
export function verdict(variant: VariantRow, holdout: VariantRow | undefined): string {
  if (variant.holdout) return 'Holdout: shown no offers, the baseline the others are compared with.';
  // The report lists only variants with sessions for the filters: a holdout with none in the range is
  // absent here though the experiment has one, so this says what the filters hold, not what the flow does.
  if (!holdout) return 'No holdout session for these filters, so no lift to report.';
  const n = ended(variant);
  const h = ended(holdout);
  if (n < MIN_ENDED || h < MIN_ENDED || !variant.liftVsHoldout) {
    return `Not enough data yet: ${n} ended sessions in ${variant.variantId} and ${h} in ${holdout.variantId} (${MIN_ENDED} each needed).`;
  }
  const { diff, ci95 } = variant.liftVsHoldout;
  const ci = `95% CI ${interval(ci95, 'points')}`;
  const by = unsignedPoints(Math.abs(diff));
  if (ci95[0] > 0) return `${variant.variantId} beats ${holdout.variantId} by ${by} points, ${ci}.`;
  if (ci95[1] < 0) return `${variant.variantId} trails ${holdout.variantId} by ${by} points, ${ci}.`;
  return `Not enough data yet to tell ${variant.variantId} from ${holdout.variantId}: ${diff < 0 ? '−' : '+'}${by} points, ${ci}.`;
}
