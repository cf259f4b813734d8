import { expect, test } from 'vitest';
import { dataTicks } from '../src/components/chart-ticks.ts';

const WEEK = 7 * 24 * 60 * 60;
const mondays = (n: number) => Array.from({ length: n }, (_, i) => 1_757_289_600 + i * WEEK); // from Mon 8 Sept 2025

test('every point gets its label when they fit', () => {
  expect(dataTicks(mondays(8), 1200)).toEqual(mondays(8));
});

test('too many points for the width: every n-th, starting at the first, each one a point of the data', () => {
  const times = mondays(26);
  const ticks = dataTicks(times, 700); // room for 9 labels
  expect(ticks.length).toBeLessThanOrEqual(9);
  expect(ticks[0]).toBe(times[0]);
  for (const tick of ticks) expect(times).toContain(tick);
  const gaps = new Set(ticks.slice(1).map((tick, i) => tick - (ticks[i] as number)));
  expect(gaps).toEqual(new Set([3 * WEEK])); // evenly spaced
});

test('a narrow chart still names its first point', () => {
  expect(dataTicks(mondays(5), 40)).toEqual([mondays(1)[0]]);
  expect(dataTicks([], 600)).toEqual([]);
});
