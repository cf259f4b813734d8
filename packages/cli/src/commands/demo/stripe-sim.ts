import { addDays, type FlowConfig, utcDay } from '@cancelflow/core';
import { type SimulatedStripe, startSimulatedStripe } from '@cancelflow/server';
import { DEMO_SUBSCRIBERS, type DemoSubscriber, demoClaims } from './subscribers.ts';

/** The demo's plans as Stripe prices in the simulated account (the sites file's `prices`). */
const DEMO_PRICES: Readonly<Record<DemoSubscriber['plan'], string>> = {
  starter: 'price_demo_starter',
  pro: 'price_demo_pro',
  team: 'price_demo_team',
  enterprise: 'price_demo_enterprise',
};

export interface DemoStripe extends SimulatedStripe {
  /** The coupons the flow's discount offers name, made in the account as Stripe's Dashboard would. */
  addCouponsOf(flow: FlowConfig): void;
  /** Puts one demo subscriber's subscription back to active, paid this period (a reset). */
  reseed(subscriberId: string): void;
}

/**
 * `cancelflow demo --billing stripe-sim`: a simulated Stripe account on loopback holding each demo
 * subscriber's subscription (monthly, the month's payment made on the period's first day), which the
 * real `stripe` plugin changes and which sends Stripe's webhooks back to the server.
 */
export async function startDemoStripe(now: () => Date, port = 0): Promise<DemoStripe> {
  const stripe = await startSimulatedStripe(DEMO_PRICES, port);
  const reseed = (subscriber: DemoSubscriber) => {
    const claims = demoClaims(subscriber, now());
    const today = utcDay(now());
    const periodStart = addDays(today, -(subscriber.tenureDays % 30));
    stripe.seed({
      id: claims.sid ?? `sub_${subscriber.id.slice(4)}`,
      customer: subscriber.id,
      currency: subscriber.currency.toLowerCase(),
      price: DEMO_PRICES[subscriber.plan],
      periodStart,
      periodEnd: addDays(periodStart, 30),
      paid: { amount: subscriber.mrr * 100, on: periodStart },
    });
  };
  for (const subscriber of DEMO_SUBSCRIBERS) reseed(subscriber);
  return {
    ...stripe,
    addCouponsOf(flow) {
      for (const offer of Object.values(flow.offers)) {
        if (offer.type !== 'discount' || !offer.coupon || offer.coupon.startsWith('promo_')) continue;
        const off = offer.amountOff
          ? { amount_off: offer.amountOff.amount * 100, currency: offer.amountOff.currency.toLowerCase() }
          : { percent_off: offer.percentOff };
        stripe.addCoupon(offer.coupon, { ...off, duration: 'repeating', duration_in_months: offer.months });
      }
    },
    reseed(subscriberId) {
      const subscriber = DEMO_SUBSCRIBERS.find((s) => s.id === subscriberId);
      if (subscriber) reseed(subscriber);
    },
  };
}
