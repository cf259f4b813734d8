import type { VariantRow } from '../../src/types.ts';

/** A variant row as the experiments report returns it; counts chosen per test. */
export function variant(
  variantId: string,
  counts: { saved?: number; cancelled?: number; abandoned?: number },
  extra: Partial<VariantRow> = {},
): VariantRow {
  const saved = counts.saved ?? 0;
  const cancelled = counts.cancelled ?? 0;
  const abandoned = counts.abandoned ?? 0;
  const ended = saved + cancelled + abandoned;
  return {
    variantId,
    holdout: false,
    sessions: ended,
    open: 0,
    saved,
    cancelled,
    abandoned,
    saveRate: saved + cancelled ? saved / (saved + cancelled) : null,
    abandonRate: ended ? abandoned / ended : null,
    keptRate: ended ? (saved + abandoned) / ended : null,
    keptRateCi95: null,
    liftVsHoldout: null,
    ...extra,
  };
}
