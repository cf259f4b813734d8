import type { Condition, TargetingRule } from '../config/index.ts';
import { isoDay } from '../dates/days.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import { type ClaimValue, claimValue } from './claims.ts';

/**
 * Orders two values: numbers numerically, ISO dates by day. Anything else (a number against a
 * string, free text) does not compare, so an ordering condition on it never holds.
 */
function order(claim: ClaimValue, value: ClaimValue): number | undefined {
  if (typeof claim === 'number' && typeof value === 'number') return claim - value;
  if (typeof claim === 'string' && typeof value === 'string') {
    const a = isoDay(claim);
    const b = isoDay(value);
    if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

function same(claim: ClaimValue, value: ClaimValue): boolean {
  return claim === value || order(claim, value) === 0;
}

/**
 * Whether one condition holds. A claim the token does not carry satisfies only `missing`: a rule
 * never matches on data we do not have (`neq`/`nin` included).
 */
export function conditionHolds(condition: Condition, subscriber: SubscriberClaims, now: Date): boolean {
  const actual = claimValue(subscriber, condition.claim, now);
  if (condition.op === 'missing') return actual === undefined;
  if (actual === undefined) return false;
  switch (condition.op) {
    case 'exists':
      return true;
    case 'eq':
      return same(actual, condition.value);
    case 'neq':
      return !same(actual, condition.value);
    case 'in':
      return condition.value.some((v) => same(actual, v));
    case 'nin':
      return !condition.value.some((v) => same(actual, v));
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt': {
      const diff = order(actual, condition.value);
      if (diff === undefined) return false;
      return { gte: diff >= 0, lte: diff <= 0, gt: diff > 0, lt: diff < 0 }[condition.op];
    }
  }
}

/** The first rule whose conditions all hold, or undefined. */
export function matchRule(
  rules: readonly TargetingRule[],
  subscriber: SubscriberClaims,
  now: Date,
): TargetingRule | undefined {
  return rules.find((rule) => rule.when.every((c) => conditionHolds(c, subscriber, now)));
}
