import { expect, test } from 'vitest';
import { dataTicks, wholeTicks } from '../src/components/chart-ticks.ts';

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

// The y axes write their values with no decimals (counts, whole percents). uPlot's own ticks for a
// chart whose highest count is 1 fell at 0.2, 0.4, …, written "0, 0, 0, 1, 1, 1".
test('the y axis ticks are whole numbers, evenly spaced, within the scale', () => {
  expect(wholeTicks(0, 1, 6)).toEqual([0, 1]);
  expect(wholeTicks(0, 3, 6)).toEqual([0, 1, 2, 3]);
  expect(wholeTicks(0, 10, 6)).toEqual([0, 2, 4, 6, 8, 10]);
  expect(wholeTicks(0, 100, 6)).toEqual([0, 20, 40, 60, 80, 100]);
  expect(wholeTicks(0, 38, 6)).toEqual([0, 10, 20, 30]);
  expect(wholeTicks(0, 1234, 5)).toEqual([0, 500, 1000]);
  for (const [min, max, room] of [
    [0, 0.5, 6],
    [0, 7, 3],
    [3, 97, 4],
    [0, 25_000, 6],
  ] as const) {
    const ticks = wholeTicks(min, max, room);
    expect(ticks.length).toBeLessThanOrEqual(Math.max(room, 1));
    for (const tick of ticks) {
      expect(Number.isInteger(tick)).toBe(true);
      expect(tick).toBeGreaterThanOrEqual(min);
      expect(tick).toBeLessThanOrEqual(max);
    }
  }
});
