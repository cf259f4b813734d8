import type { ProfileId } from './ids.ts';

/** What a set of profiles asks of the engine at run time. Each field is a restriction; none relaxes another. */
export interface ComplianceRules {
  /** Offers may appear before the cancel is confirmed (after it, on the done step, they always may). */
  readonly offersBeforeCancel: boolean;
  /** The confirm step comes first, with no question before it; other questions follow the cancel. */
  readonly confirmFirst: boolean;
  /** The confirm step offers "withdraw from contract" during the withdrawal period. */
  readonly withdrawal: boolean;
}

const NONE: ComplianceRules = { offersBeforeCancel: true, confirmFirst: false, withdrawal: false };

/**
 * Each profile's run-time restrictions. Profiles whose rules every flow meets by construction
 * (`us-ftc`: "Continue to cancel" on every step; `us-ca`: that button beside every offer; `fr`:
 * the confirm step is the recap page, ≤ 3 clicks) restrict nothing further. Exhaustive: a new
 * profile id fails the build until it is handled here.
 */
export const PROFILE_RULES = {
  'us-ftc': {},
  'us-ca': {},
  'us-mn': { offersBeforeCancel: false },
  de: { confirmFirst: true },
  fr: {},
  eu: { withdrawal: true },
} as const satisfies Record<ProfileId, Partial<ComplianceRules>>;

/** The strictest combination of the profiles in force: every restriction of every profile applies. */
export function rulesFor(profiles: readonly ProfileId[]): ComplianceRules {
  const each = profiles.map((id): ComplianceRules => ({ ...NONE, ...PROFILE_RULES[id] }));
  const confirmFirst = each.some((r) => r.confirmFirst);
  return {
    // With the confirm step first there is nothing before the cancel to show an offer on.
    offersBeforeCancel: !confirmFirst && each.every((r) => r.offersBeforeCancel),
    confirmFirst,
    withdrawal: each.some((r) => r.withdrawal),
  };
}

/** The EU withdrawal function (Art. 11a CRD) is required from this day. */
export const EU_WITHDRAWAL_FROM = '2026-06-19';

/** The statutory withdrawal period; a flow may grant a longer one, never a shorter one. */
export const EU_WITHDRAWAL_MIN_DAYS = 14;
