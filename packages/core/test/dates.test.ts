import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, addPeriod, createTranslator, en, shiftDays, utcDay, weekStart } from '../src/index.ts';

describe('the date module', () => {
  it('clamps a month later to the last day of the target month, as billing does', () => {
    expect(addPeriod('2026-01-31', 1, 'month')).toBe('2026-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
  });

  it('knows leap years', () => {
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });

  it('crosses year ends and goes backwards', () => {
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addPeriod('2026-12-29', 1, 'week')).toBe('2027-01-05');
    expect(addPeriod('2026-02-27', 3, 'day')).toBe('2026-03-02');
  });

  it('starts weeks on Monday, in UTC', () => {
    expect(weekStart(new Date('2026-03-01T23:59:00Z'))).toBe('2026-02-23'); // a Sunday
    expect(weekStart(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
  });

  describe('in any time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it('gives the same days at the edges of the UTC day, whatever the runtime zone', () => {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC', 'Asia/Kolkata']) {
        process.env.TZ = zone;
        // 23:30 on 31 January in New York is already 1 February in UTC: everyone counts from 1 February.
        const lateEvening = new Date('2026-01-31T23:30:00-05:00');
        expect(utcDay(lateEvening)).toBe('2026-02-01');
        expect(addPeriod(utcDay(lateEvening), 1, 'month')).toBe('2026-03-01');
        expect(addPeriod(utcDay(new Date('2026-01-31T00:10:00Z')), 1, 'month')).toBe('2026-02-28');
        expect(weekStart(new Date('2026-03-01T23:59:00Z'))).toBe('2026-02-23');
        expect(shiftDays(new Date('2026-03-29T00:30:00Z'), 1).toISOString()).toBe('2026-03-30T00:30:00.000Z');
      }
    });

    it('shows a calendar day as that day in every time zone', () => {
      for (const timeZone of ['Pacific/Honolulu', 'Pacific/Kiritimati']) {
        const t = createTranslator({ locale: 'en', catalog: en, timeZone });
        expect(t.date('2026-02-28', 'long')).toBe('February 28, 2026');
      }
    });
  });
});
