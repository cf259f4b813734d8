/** The admin API's answers (docs/server.md, "Admin API"), as the dashboard reads them. */

/** Money per currency code (`unknown` when a token named none): never one sum across currencies. */
export type Money = Readonly<Record<string, number>>;

export interface Counts {
  readonly sessions: number;
  readonly open: number;
  readonly saved: number;
  readonly cancelled: number;
  readonly abandoned: number;
  readonly saveRate: number | null;
  readonly abandonRate: number | null;
}

/**
 * Saves verified against billing (docs/billing.md, "Saves verified"): retained = still paying on the
 * due day, lost = stopped before it, pending = not due yet. Optional: a server before them leaves them out.
 */
export interface Retention {
  readonly retained?: number;
  readonly lost?: number;
  readonly pending?: number;
  readonly retainedRate?: number | null;
  readonly mrrRetained?: Money;
}

export interface Summary extends Counts, Retention {
  readonly mrrSaved: Money;
  /** The days after which saves are verified, when every site shown uses the same. */
  readonly retainedAfterDays?: number | null;
}

/** How the trends report groups sessions (`by`): its answer is `{ days | weeks | months: [...] }`. */
export type Period = 'day' | 'week' | 'month';

export interface TrendRow extends Counts {
  /** The day (ISO date), the week's Monday, or the month (`YYYY-MM`). */
  readonly period: string;
  readonly mrrSaved: Money;
}

export interface ReasonRow extends Counts {
  readonly reasonId: string;
  readonly reasonLabel: string | null;
}

export interface OfferRow extends Retention {
  readonly offerId: string;
  readonly offerName: string | null;
  readonly offerType: string | null;
  readonly shown: number;
  readonly accepted: number;
  readonly acceptanceRate: number | null;
  readonly mrrSaved: Money;
}

export type Interval = readonly [number, number];

export interface VariantRow extends Counts {
  readonly variantId: string;
  readonly holdout: boolean;
  readonly keptRate: number | null;
  readonly keptRateCi95: Interval | null;
  readonly liftVsHoldout: { readonly diff: number; readonly ci95: Interval } | null;
}

export interface Experiment {
  readonly experimentId: string;
  readonly metric: string;
  readonly method: string;
  readonly variants: readonly VariantRow[];
}

export interface FeedbackRow {
  readonly id: string;
  readonly createdAt: string;
  readonly siteId: string;
  readonly flowId: string;
  readonly sessionId: string;
  readonly reasonId: string | null;
  readonly reasonLabel: string | null;
  readonly source: string;
  readonly text: string;
}

export interface Site {
  readonly id: string;
  readonly flowId: string;
  /** null for a site no longer configured (no flow runs; `flowId` is its newest sessions'). */
  readonly flowVersion: number | null;
  /** false: not in the sites file any more, listed because its sessions are stored (their insights stay readable). */
  readonly configured?: boolean;
}

/** The insights filters every report takes. */
export interface Filters {
  readonly from: string;
  readonly to: string;
  readonly siteId: string;
  readonly flowId: string;
}
