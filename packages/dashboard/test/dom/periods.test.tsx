import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';

// happy-dom has no canvas: the charts are uPlot's business; these tests read the table beside them.
vi.mock('uplot', () => ({
  default: class {
    root = document.createElement('div');
    destroy() {}
    setSize() {}
    static tzDate = (date: Date) => date;
  },
}));

import { NoSessions } from '../../src/components/NoSessions.tsx';
import { isPartial } from '../../src/periods.ts';
import type { Summary, TrendRow } from '../../src/types.ts';
import { ReasonTrendsTable } from '../../src/views/ReasonTrends.tsx';
import { SummaryCards } from '../../src/views/Summary.tsx';
import { Trends } from '../../src/views/Trends.tsx';

const week = (period: string, sessions: number): TrendRow => ({
  period,
  sessions,
  open: 0,
  saved: 1,
  cancelled: sessions - 1,
  abandoned: 0,
  saveRate: 1 / sessions,
  abandonRate: 0,
  mrrSaved: {},
});

describe('periods the range holds only part of', () => {
  it('marks the week that is not over yet, and only that one', () => {
    render(
      <Trends rows={[week('2026-11-23', 225), week('2026-11-30', 81)]} by="week" range={{ today: '2026-12-02' }} />,
    );
    expect(screen.getByRole('row', { name: /30 Nov 2026/ }).textContent).toContain('(partial)');
    expect(screen.getByRole('row', { name: /23 Nov 2026/ }).textContent).not.toContain('partial');
    expect(document.querySelector('[data-partial-note]')?.textContent).toMatch(/lower than a whole week's/);
  });

  it('marks nothing when every period is whole', () => {
    render(
      <Trends rows={[week('2026-11-16', 264), week('2026-11-23', 225)]} by="week" range={{ today: '2026-12-02' }} />,
    );
    expect(document.body.textContent).not.toContain('partial');
  });

  it('counts the filter dates: a range that starts or ends inside a period cuts it', () => {
    const today = '2026-12-02';
    expect(isPartial('2026-11-02', 'week', { from: '2026-11-04', today })).toBe(true);
    expect(isPartial('2026-11-02', 'week', { from: '2026-11-02', to: '2026-11-08', today })).toBe(false);
    expect(isPartial('2026-11-02', 'week', { to: '2026-11-05', today })).toBe(true);
    expect(isPartial('2026-11', 'month', { today })).toBe(false);
    expect(isPartial('2026-12', 'month', { today })).toBe(true);
    expect(isPartial('2026-12-02', 'day', { today })).toBe(true); // today is not over
    expect(isPartial('2026-12-01', 'day', { today })).toBe(false);
  });
});

describe('reasons by week', () => {
  it('names each week as the overview does, not as an ISO date', () => {
    render(
      <ReasonTrendsTable
        periods={[{ period: '2026-09-07', reasonId: 'too_expensive', reasonLabel: "It's too expensive", sessions: 37 }]}
      />,
    );
    const row = screen.getByRole('row', { name: /37/ });
    expect(within(row).getAllByRole('cell')[0]?.textContent).toBe('7 Sept 2026');
    expect(row.querySelector('.nowrap')).not.toBeNull(); // "7 Sept 2026" stays on one line
  });

  it('marks the week that is not over yet, as the overview does', () => {
    render(
      <ReasonTrendsTable
        periods={[
          { period: '2026-11-23', reasonId: 'other', reasonLabel: 'Something else', sessions: 5 },
          { period: '2026-11-30', reasonId: 'other', reasonLabel: 'Something else', sessions: 2 },
        ]}
        range={{ today: '2026-12-02' }}
      />,
    );
    expect(screen.getByRole('row', { name: /30 Nov 2026/ }).textContent).toContain('(partial)');
    expect(screen.getByRole('row', { name: /23 Nov 2026/ }).textContent).not.toContain('partial');
  });
});

describe('reasons by week with a week without sessions', () => {
  it('gives that week a row of zeros instead of leaving it out', () => {
    render(
      <ReasonTrendsTable
        periods={[
          { period: '2026-11-02', reasonId: 'other', reasonLabel: 'Something else', sessions: 5 },
          { period: '2026-11-16', reasonId: 'other', reasonLabel: 'Something else', sessions: 2 },
        ]}
        weeks={['2026-11-02', '2026-11-09', '2026-11-16']}
        range={{ today: '2026-12-02' }}
      />,
    );
    const empty = screen.getByRole('row', { name: /9 Nov 2026/ });
    expect(within(empty).getAllByRole('cell')[1]?.textContent).toBe('0');
  });
});

describe('an empty summary', () => {
  const empty: Summary = {
    sessions: 0,
    open: 0,
    saved: 0,
    cancelled: 0,
    abandoned: 0,
    saveRate: null,
    abandonRate: null,
    mrrSaved: {},
    retained: 0,
    lost: 0,
    pending: 0,
    retainedRate: null,
    mrrRetained: {},
    retainedAfterDays: 30,
  };

  it('says no save is due yet instead of "— of 0 due"', () => {
    render(<SummaryCards summary={empty} />);
    const note = document.querySelector('[data-card="retained"] .note')?.textContent ?? '';
    expect(note).not.toContain('— of 0');
    expect(note).toMatch(/no save due yet/);
  });

  it('tells a new server where sessions come from, and a filtered view that it is the filters', () => {
    const { unmount } = render(<NoSessions filtered={false} />);
    expect(screen.getByRole('status').textContent).toMatch(/No sessions yet.*opens the cancel flow/);
    unmount();
    render(<NoSessions filtered />);
    expect(screen.getByRole('status').textContent).toMatch(/No sessions match these filters/);
  });
});
