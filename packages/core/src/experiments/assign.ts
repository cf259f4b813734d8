import { unitInterval } from './hash.ts';

export interface WeightedVariant {
  readonly id: string;
  /** Relative weight; weights need not add up to 100. A weight of 0 is never chosen. */
  readonly weight: number;
}

/**
 * Picks the experiment variant for one subscriber. The choice depends only on the experiment id,
 * the subscriber id and the variants' weights, so the browser and the server agree, and a returning
 * subscriber sees the same variant. The experiment id is part of the seed so that a subscriber's
 * bucket in one experiment says nothing about their bucket in another.
 */
export function assignVariant<V extends WeightedVariant>(
  experimentId: string,
  subscriberId: string,
  variants: readonly V[],
): V | undefined {
  const total = variants.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
  if (total <= 0) return undefined;
  let point = unitInterval(`${experimentId}\u0000${subscriberId}`) * total;
  for (const variant of variants) {
    const weight = Math.max(0, variant.weight);
    if (point < weight) return variant;
    point -= weight;
  }
  // Floating-point rounding can leave `point` a hair above the last bucket.
  return variants.findLast((v) => v.weight > 0);
}
