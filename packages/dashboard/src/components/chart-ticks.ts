/** The least room an x-axis label needs ("23 Nov", "Sept 2026"), in CSS pixels. */
const LABEL_PX = 72;

/**
 * The x axis's ticks: the data's own times (a week's Monday, a month's first day), every n-th of them
 * when they would not fit in `width` pixels, so that each label names a point the chart draws. uPlot's
 * own ticks fall on round days (the 7th, the 16th, the 25th…) between weekly points.
 */
export function dataTicks(times: readonly number[], width: number): number[] {
  const fit = Math.max(1, Math.floor(width / LABEL_PX));
  const every = Math.ceil(times.length / fit);
  return times.filter((_, i) => i % every === 0);
}
