import { daysSince } from '../dates/days.ts';
import type { SubscriberClaims } from '../subscriber.ts';

export type ClaimValue = string | number | boolean;

/**
 * The value of one targeting claim (`plan`, `tenureDays`, `attrs.seats`, …) for a subscriber, or
 * undefined when the token does not carry it. `tenureDays` is derived from `since` at `now`.
 */
export function claimValue(subscriber: SubscriberClaims, claim: string, now: Date): ClaimValue | undefined {
  if (claim.startsWith('attrs.')) {
    const attrs = subscriber.attrs;
    const name = claim.slice('attrs.'.length);
    // Own properties only: `attrs.constructor` must not reach Object.prototype.
    return attrs && Object.hasOwn(attrs, name) ? attrs[name] : undefined;
  }
  switch (claim) {
    case 'tenureDays':
      return subscriber.since === undefined ? undefined : daysSince(subscriber.since, now);
    case 'plan':
    case 'mrr':
    case 'currency':
    case 'since':
    case 'country':
    case 'region':
    case 'trial':
    case 'locale':
      return subscriber[claim];
    default:
      return undefined;
  }
}
