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

/**
 * The y axis's ticks: whole numbers only, at a step of 1, 2 or 5 times a power of ten, at most `room`
 * of them, from the scale's `min` to its `max`. The axes write their values without decimals (counts,
 * whole percents); uPlot's own ticks for a highest count of 1 fell at 0.2, 0.4, … and read "0, 0, 0,
 * 1, 1, 1".
 */
export function wholeTicks(min: number, max: number, room: number): number[] {
  const span = Math.max(max - min, 0);
  let step = 1;
  for (let power = 1; span / step > Math.max(room, 1) - 1; power *= 10) {
    step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= Math.max(room, 1) - 1) ?? 10 * power;
  }
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max; tick += step) ticks.push(tick);
  return ticks;
}
