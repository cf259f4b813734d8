import { describe, expect, it } from 'vitest';
import { coveredPeriods, periodOf } from '../src/insights/period-range.ts';

// The periods a trends report lists: every one of its range, the empty ones too, in UTC.
describe('coveredPeriods', () => {
  it('names the period of a day: the day, the Monday of its week (a Sunday goes back six days), the month', () => {
    expect(periodOf('2026-11-01', 'day')).toBe('2026-11-01');
    expect(periodOf('2026-11-01', 'week')).toBe('2026-10-26'); // a Sunday
    expect(periodOf('2026-11-02', 'week')).toBe('2026-11-02'); // a Monday
    expect(periodOf('2026-03-29', 'week')).toBe('2026-03-23'); // the Sunday Europe moves its clocks: UTC does not
    expect(periodOf('2026-12-31', 'month')).toBe('2026-12');
  });

  it('fills the gaps between the periods with sessions', () => {
    expect(coveredPeriods(['2026-10-26', '2026-11-16'], 'week', {}, '2026-12-02')).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(coveredPeriods(['2026-10-13', '2026-10-15'], 'day', {}, '2026-12-02')).toEqual([
      '2026-10-13',
      '2026-10-14',
      '2026-10-15',
    ]);
    expect(coveredPeriods(['2026-12', '2026-10'], 'month', {}, '2026-12-02')).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(coveredPeriods(['2025-12', '2026-01'], 'month', {}, '2026-12-02')).toEqual(['2025-12', '2026-01']);
  });

  it("reaches the range's ends, but never past today", () => {
    const weeks = coveredPeriods(['2026-11-16'], 'week', { from: '2026-11-01', to: '2027-01-31' }, '2026-12-02');
    expect(weeks).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    const days = coveredPeriods(['2026-11-30'], 'day', { from: '2026-11-29', to: '2026-12-01' }, '2026-12-02');
    expect(days).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });

  it('lists nothing without a session, and only the span with sessions for a range of decades by day', () => {
    expect(coveredPeriods([], 'week', { from: '2026-01-01', to: '2026-03-01' }, '2026-12-02')).toEqual([]);
    const days = coveredPeriods(['2026-11-29', '2026-12-01'], 'day', { from: '1970-01-01' }, '2026-12-02');
    expect(days).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });
});
