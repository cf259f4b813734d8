import { addDays, type SubscriberClaims, utcDay } from '@cancelflow/core';

/**
 * The demo's subscribers: each one shows the flow doing something different — targeting, the
 * experiment (including its holdout) and the compliance profiles of their jurisdiction. Ids are fixed
 * because the experiment assigns variants by a hash of the id; the page shows the variant it got.
 */
export interface DemoSubscriber {
  readonly id: string;
  readonly name: string;
  /** Where they live, as the page shows it. */
  readonly place: string;
  readonly plan: 'starter' | 'pro' | 'team' | 'enterprise';
  readonly mrr: number;
  readonly currency: 'USD' | 'EUR';
  readonly country: string;
  readonly region?: string;
  /** How long ago they signed up, in days (the token's `since`). */
  readonly tenureDays: number;
  /** Their language (the token's `locale`); the page can override it. */
  readonly locale: string;
  /** What to try, in one line. */
  readonly expect: string;
}

export const DEMO_SUBSCRIBERS: readonly DemoSubscriber[] = [
  {
    id: 'cus_dana',
    name: 'Dana',
    place: 'New York, US',
    plan: 'pro',
    mrr: 49,
    currency: 'USD',
    country: 'US',
    region: 'NY',
    tenureDays: 240,
    locale: 'en',
    expect: 'The default flow: "It\'s too expensive" is answered with 30% off for 3 months.',
  },
  {
    id: 'cus_ava',
    name: 'Ava',
    place: 'California, US',
    plan: 'pro',
    mrr: 49,
    currency: 'USD',
    country: 'US',
    region: 'CA',
    tenureDays: 150,
    locale: 'en',
    expect: 'Experiment variant "pause": the same reason is answered with a pause instead of a discount.',
  },
  {
    id: 'cus_ruth',
    name: 'Ruth',
    place: 'Texas, US',
    plan: 'pro',
    mrr: 49,
    currency: 'USD',
    country: 'US',
    region: 'TX',
    tenureDays: 1100,
    locale: 'en',
    expect: 'A long-time Pro customer (targeting): "too expensive" offers a switch to the Starter plan.',
  },
  {
    id: 'cus_kai',
    name: 'Kai',
    place: 'Washington, US',
    plan: 'enterprise',
    mrr: 900,
    currency: 'USD',
    country: 'US',
    region: 'WA',
    tenureDays: 400,
    locale: 'en',
    expect: 'A big account (targeting, MRR ≥ 500): "too expensive" offers a talk with the team.',
  },
  {
    id: 'cus_erik',
    name: 'Erik',
    place: 'Minnesota, US',
    plan: 'starter',
    mrr: 9,
    currency: 'USD',
    country: 'US',
    region: 'MN',
    tenureDays: 700,
    locale: 'en',
    expect: 'Minnesota (us-mn): no offers before the cancel; one may follow on the last page.',
  },
  {
    id: 'cus_jonas',
    name: 'Jonas',
    place: 'Berlin, DE',
    plan: 'pro',
    mrr: 49,
    currency: 'EUR',
    country: 'DE',
    tenureDays: 800,
    locale: 'de',
    expect: 'Germany (§312k BGB): the confirm page first, a "Jetzt kündigen" button, German UI, a receipt.',
  },
  {
    id: 'cus_lena',
    name: 'Lena',
    place: 'Amsterdam, NL',
    plan: 'starter',
    mrr: 9,
    currency: 'EUR',
    country: 'NL',
    tenureDays: 5,
    locale: 'en',
    expect: 'EU, signed up 5 days ago: the confirm step offers "Withdraw from the contract".',
  },
  {
    id: 'cus_ben',
    name: 'Ben',
    place: 'New York, US',
    plan: 'team',
    mrr: 199,
    currency: 'USD',
    country: 'US',
    region: 'NY',
    tenureDays: 90,
    locale: 'en',
    expect: "In the experiment's holdout: no offers at all (that is how the lift is measured).",
  },
];

export function demoSubscriber(id: string | null | undefined): DemoSubscriber {
  return DEMO_SUBSCRIBERS.find((s) => s.id === id) ?? (DEMO_SUBSCRIBERS[0] as DemoSubscriber);
}

const day = (now: Date, offset: number) => addDays(utcDay(now), offset);

/**
 * The claims the demo site signs for a subscriber, as a real site's server would from its billing data.
 * No `periodEnd` or last payment: the demo billing plugin looks them up (monthly from `since`), so the
 * confirm step's end date and refund come from billing, as with a site whose tokens cannot carry them.
 */
export function demoClaims(s: DemoSubscriber, now: Date, locale?: string): SubscriberClaims {
  return {
    sub: s.id,
    sid: `sub_${s.id.slice(4)}`,
    plan: s.plan,
    mrr: s.mrr,
    price: s.mrr,
    currency: s.currency,
    country: s.country,
    ...(s.region ? { region: s.region } : {}),
    since: day(now, -s.tenureDays),
    locale: locale || s.locale,
    // Follow-up mail goes here; the demo keeps it in the server's outbox (the page's "Emails" link).
    email: `${s.id}@example.com`,
  };
}
