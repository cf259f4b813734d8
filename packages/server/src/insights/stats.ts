/** 97.5th percentile of the standard normal: two-sided 95%. */
const Z95 = 1.959963984540054;

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Wilson score interval for a proportion `successes / n` (better than the normal approximation near 0 and 1). */
export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n === 0) return { lower: 0, upper: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, center - half), upper: Math.min(1, center + half) };
}

/**
 * 95% confidence interval for the difference of two independent proportions p1 − p2, by Newcombe's
 * hybrid score method ("method 10", Newcombe 1998), built from the two Wilson intervals. It keeps
 * good coverage with small samples and rates near 0 or 1, where the Wald interval fails.
 */
export function newcombeDifference(
  s1: number,
  n1: number,
  s2: number,
  n2: number,
  z = Z95,
): Interval & { diff: number } {
  const p1 = n1 === 0 ? 0 : s1 / n1;
  const p2 = n2 === 0 ? 0 : s2 / n2;
  const w1 = wilson(s1, n1, z);
  const w2 = wilson(s2, n2, z);
  const diff = p1 - p2;
  return {
    diff,
    lower: diff - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: diff + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
