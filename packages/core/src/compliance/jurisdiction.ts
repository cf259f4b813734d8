import type { SubscriberClaims } from '../subscriber.ts';
import { PROFILE_IDS, type ProfileId } from './ids.ts';

/**
 * EU member states, ISO 3166-1 alpha-2 (Greece is `GR`, not the EU's own `EL`), and the parts of the EU
 * with codes of their own, which billing systems (Stripe among them) give as the country: France's
 * outermost regions (`FR_PARTS`) and Åland (Finland).
 */
export const EU_COUNTRIES: ReadonlySet<string> = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GP GF MQ RE YT MF AX'.split(' '),
);

/** France and its outermost regions, where French consumer law applies. */
const FR_PARTS = /^(FR|G[PF]|MQ|RE|YT|MF)$/;

/** When the US state laws took effect (docs/compliance.md). Before these days they do not apply. */
export const US_STATE_PROFILES: Readonly<Record<string, { readonly profile: ProfileId; readonly since: string }>> = {
  CA: { profile: 'us-ca', since: '2025-07-01' },
  MN: { profile: 'us-mn', since: '2025-01-01' },
};

/** Accepts `MN` as the schema documents, and the full ISO 3166-2 form `US-MN` that some billing systems send. */
function subdivision(country: string, region: string | undefined): string | undefined {
  const code = region?.trim().toUpperCase();
  return code?.startsWith(`${country}-`) ? code.slice(country.length + 1) : code;
}

/** The profiles the subscriber's country and region (from billing data, in the signed token) call for at `now`. */
export function jurisdictionProfiles(subscriber: SubscriberClaims, now: Date): ProfileId[] {
  const country = subscriber.country?.trim().toUpperCase();
  if (!country) return [];
  const profiles: ProfileId[] = [];
  if (country === 'US') {
    const state = US_STATE_PROFILES[subdivision(country, subscriber.region) ?? ''];
    if (state && now.getTime() >= Date.parse(state.since)) profiles.push(state.profile);
  }
  if (country === 'DE') profiles.push('de');
  if (FR_PARTS.test(country)) profiles.push('fr');
  if (EU_COUNTRIES.has(country)) profiles.push('eu');
  return profiles;
}

/**
 * Every profile in force for this subscriber: `us-ftc` always, those the flow declares, and those of
 * their jurisdiction. Returned in PROFILE_IDS order, once each, so the server and browser agree.
 */
export function profilesInForce(
  declared: readonly ProfileId[] | undefined,
  subscriber: SubscriberClaims,
  now: Date,
): ProfileId[] {
  const all = new Set<ProfileId>(['us-ftc', ...(declared ?? []), ...jurisdictionProfiles(subscriber, now)]);
  return PROFILE_IDS.filter((id) => all.has(id));
}
