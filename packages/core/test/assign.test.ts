import { describe, expect, test } from 'vitest';
import { assignVariant } from '../src/index.ts';

const variants = [
  { id: 'holdout', weight: 10 },
  { id: 'discount', weight: 60 },
  { id: 'pause', weight: 30 },
];

describe('assignVariant', () => {
  test('gives a subscriber the same variant every time', () => {
    for (let i = 0; i < 200; i++) {
      const first = assignVariant('exp-1', `cus_${i}`, variants);
      expect(assignVariant('exp-1', `cus_${i}`, [...variants])).toBe(first);
    }
  });

  test('matches the weights within ±2 points over 10,000 subscribers', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const v = assignVariant('exp-weights', `cus_${i}`, variants);
      counts.set(v?.id ?? 'none', (counts.get(v?.id ?? 'none') ?? 0) + 1);
    }
    for (const { id, weight } of variants) {
      const share = ((counts.get(id) ?? 0) / 10_000) * 100;
      expect(Math.abs(share - weight), `${id}: ${share}% for weight ${weight}`).toBeLessThanOrEqual(2);
    }
  });

  test('buckets in one experiment are independent of another', () => {
    let same = 0;
    const half = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1 },
    ];
    for (let i = 0; i < 4_000; i++) {
      if (assignVariant('x', `u${i}`, half)?.id === assignVariant('y', `u${i}`, half)?.id) same++;
    }
    // Independent coin flips agree about half of the time.
    expect(same / 4_000).toBeGreaterThan(0.45);
    expect(same / 4_000).toBeLessThan(0.55);
  });

  test('never picks a zero-weight variant and returns nothing when all weights are zero', () => {
    const withZero = [
      { id: 'off', weight: 0 },
      { id: 'on', weight: 5 },
    ];
    for (let i = 0; i < 500; i++) expect(assignVariant('e', `s${i}`, withZero)?.id).toBe('on');
    expect(assignVariant('e', 's', [{ id: 'off', weight: 0 }])).toBeUndefined();
    expect(assignVariant('e', 's', [])).toBeUndefined();
  });
});
