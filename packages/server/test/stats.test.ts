import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/insights/csv.ts';
import { newcombeDifference, wilson } from '../src/insights/stats.ts';

// Reference values: R. G. Newcombe, "Interval estimation for the difference between independent
// proportions: comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890, and his
// companion paper on single proportions (Statistics in Medicine 17 (1998) 857–872).
describe('wilson', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f]', (s, n, lower, upper) => {
    const ci = wilson(s, n);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it('is the whole range without data', () => {
    expect(wilson(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

describe('newcombeDifference (hybrid score, method 10)', () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
  ])('%i/%i − %i/%i → [%f, %f]', (s1, n1, s2, n2, lower, upper) => {
    const ci = newcombeDifference(s1, n1, s2, n2);
    expect(ci.diff).toBeCloseTo(s1 / n1 - s2 / n2, 10);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });
});

describe('toCsv', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        { a: 'x, "y"', b: '=HYPERLINK("http://evil")' },
        { a: null, b: 3 },
      ],
    );
    expect(csv).toBe('a,b\r\n"x, ""y""","\'=HYPERLINK(""http://evil"")"\r\n,3\r\n');
  });

  it('neutralises a formula after leading whitespace and in full-width characters, and leaves numbers alone', () => {
    const cells = [' =1+1', '\u00a0+1+1', '\n=1+1', ' \t@SUM(A1)', '＝1+1', '＋1', '－1', '＠SUM(A1)', '\tplain'];
    const csv = toCsv(['v'], [...cells.map((v) => ({ v })), { v: 'a=1' }, { v: '1-2' }, { v: -5 }]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual([
      "' =1+1",
      "'\u00a0+1+1",
      `"'\n=1+1"`,
      "' \t@SUM(A1)",
      "'＝1+1",
      "'＋1",
      "'－1",
      "'＠SUM(A1)",
      "'\tplain",
      'a=1',
      '1-2',
      '-5',
    ]);
  });
});
