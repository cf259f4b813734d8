import { example } from './examples.ts';
import type { Params } from './form.ts';

export type Fault =
  /** 500 before the request is executed: nothing applied, nothing saved under the key. */
  | { readonly kind: 'error500' }
  /** 429 before execution, as Stripe's rate limiter answers. */
  | { readonly kind: 'rate_limit' }
  /** A card declined while executing: nothing changed, and the 402 is saved under the key. */
  | { readonly kind: 'card_declined' }
  /**
   * The change is made and its answer saved, but the answer never leaves (the connection stays open
   * until the server stops): the client times out, as when an answer is lost on the way back.
   */
  | { readonly kind: 'lost_answer' }
  /**
   * The change is made and its headers sent at once, then the body one byte every `everyMs`: no
   * pause is long enough for a socket's idle timeout, yet the answer takes minutes to arrive.
   */
  | { readonly kind: 'trickle'; readonly everyMs: number }
  /**
   * The request is carried out (a list reads the account as it is now) and its answer held until
   * `until` settles: a test orders other callers' requests between a request and its answer.
   * `arrived` is called once it is carried out. See `StripeServer.hold`.
   */
  | { readonly kind: 'hold'; readonly until: Promise<void>; readonly arrived: () => void };

export interface Mutation {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly params: Params;
}

interface StoredSubscription {
  id: string;
  customer: string;
  currency: string;
  status: string;
  price: string;
  itemId: string;
  periodStart: number;
  periodEnd: number;
  trialEnd: number | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  pause: { behavior: string; resumes_at: number | null } | null;
  discounts: string[];
  metadata: Record<string, string>;
}

interface StoredInvoice {
  id: string;
  subscription: string;
  customer: string;
  currency: string;
  amountPaid: number;
  paidAt: number;
  /** What it was paid with: a PaymentIntent, a Charge, or nothing Stripe can refund (the balance). */
  payment: { payment_intent: string } | { charge: string } | undefined;
  refunded: number;
}

export interface SubscriptionSeed {
  readonly id: string;
  readonly customer?: string;
  readonly currency?: string;
  readonly price?: string;
  readonly status?: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly trialEnd?: string;
  /** The last paid invoice; none when absent. */
  readonly paid?: {
    readonly amount: number;
    readonly on: string;
    readonly via?: 'payment_intent' | 'charge' | 'balance';
  };
}

export class StripeFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

export const invalid = (message: string, code?: string, param?: string) =>
  new StripeFailure(400, { type: 'invalid_request_error', message, ...(code && { code }), ...(param && { param }) });
export const missing = (what: string, id: string) =>
  new StripeFailure(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${what}: '${id}'`,
  });

const seconds = (day: string) => Date.parse(day) / 1000;
let counter = 0;
export const newId = (prefix: string) => `${prefix}_test${(++counter).toString(36).padStart(8, '0')}`;

/**
 * What the simulated Stripe account holds — subscriptions, invoices, coupons, refunds, balance
 * credits — rendered as Stripe's example objects
 * (examples.ts) with the fields it tracks filled in. `calls.ts` makes the API's calls change it and
 * `server.ts` puts HTTP and idempotency around them.
 */
export class StripeState {
  readonly subscriptions = new Map<string, StoredSubscription>();
  readonly invoices = new Map<string, StoredInvoice>();
  readonly coupons = new Map<string, Record<string, unknown>>();
  readonly promotionCodes = new Map<string, string>();
  readonly prices = new Set<string>();
  readonly refunds: Record<string, unknown>[] = [];
  readonly credits: Record<string, unknown>[] = [];
  /** Every change made, in order; replays and refused requests are not here. */
  readonly mutations: Mutation[] = [];
  /** Called after each change (the simulator's webhooks). */
  onChange: (change: Mutation) => void = () => {};

  mutationsFor(prefix: string): Mutation[] {
    return this.mutations.filter((m) => m.idempotencyKey?.startsWith(prefix));
  }

  addPrice(id: string): void {
    this.prices.add(id);
  }

  /** A promotion code (`promo_…`) for a coupon added before. */
  addPromotionCode(id: string, coupon: string): void {
    this.promotionCodes.set(id, coupon);
  }

  addCoupon(id: string, fields: Params = {}): void {
    this.coupons.set(id, { ...example('coupon'), id, duration: 'forever', duration_in_months: null, ...fields });
  }

  addSubscription(seed: SubscriptionSeed): void {
    const price = seed.price ?? 'price_pro';
    this.prices.add(price);
    const customer = seed.customer ?? `cus_${seed.id.slice(4)}`;
    const currency = seed.currency ?? 'usd';
    this.subscriptions.set(seed.id, {
      id: seed.id,
      customer,
      currency,
      status: seed.status ?? (seed.trialEnd ? 'trialing' : 'active'),
      price,
      itemId: `si_${seed.id.slice(4)}`,
      periodStart: seconds(seed.periodStart ?? seed.paid?.on ?? '2026-11-15'),
      periodEnd: seconds(seed.periodEnd ?? '2026-12-15'),
      trialEnd: seed.trialEnd ? seconds(seed.trialEnd) + 12 * 3600 : null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      pause: null,
      discounts: [],
      metadata: {},
    });
    if (seed.paid) {
      const via = seed.paid.via ?? 'payment_intent';
      const id = `in_${seed.id.slice(4)}`;
      this.invoices.set(id, {
        id,
        subscription: seed.id,
        customer,
        currency,
        amountPaid: seed.paid.amount,
        paidAt: seconds(seed.paid.on) + 9 * 3600,
        payment:
          via === 'payment_intent'
            ? { payment_intent: `pi_${seed.id.slice(4)}` }
            : via === 'charge'
              ? { charge: `ch_${seed.id.slice(4)}` }
              : undefined,
        refunded: 0,
      });
    }
  }

  /** Stripe's example event, for wrapping objects into webhook deliveries. */
  exampleEvent(): Record<string, unknown> {
    return example('event');
  }

  /** A subscription as Stripe returns it: the example object with what this server tracks. */
  subscriptionObject(id: string): Record<string, unknown> {
    const s = this.subscriptions.get(id);
    if (!s) throw missing('subscription', id);
    const sub = example('subscription');
    const item = example('subscription_item');
    const price = { ...example('price'), id: s.price, currency: s.currency };
    Object.assign(item, {
      id: s.itemId,
      subscription: s.id,
      price,
      current_period_start: s.periodStart,
      current_period_end: s.periodEnd,
    });
    const items = sub.items as Record<string, unknown>;
    return Object.assign(sub, {
      id: s.id,
      customer: s.customer,
      currency: s.currency,
      status: s.status,
      items: { ...items, data: [item], url: `/v1/subscription_items?subscription=${s.id}` },
      trial_end: s.trialEnd,
      cancel_at_period_end: s.cancelAtPeriodEnd,
      cancel_at: s.cancelAtPeriodEnd ? s.periodEnd : null,
      canceled_at: s.canceledAt,
      ended_at: s.status === 'canceled' ? s.canceledAt : null,
      pause_collection: s.pause,
      discounts: s.discounts,
      metadata: s.metadata,
      latest_invoice: [...this.invoices.values()].find((i) => i.subscription === id)?.id ?? null,
    });
  }

  protected invoiceObject(i: StoredInvoice, expandPayments: boolean): Record<string, unknown> {
    const invoice = Object.assign(example('invoice'), {
      id: i.id,
      customer: i.customer,
      currency: i.currency,
      status: 'paid',
      amount_due: i.amountPaid,
      amount_paid: i.amountPaid,
      amount_remaining: 0,
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: i.subscription, metadata: {} },
      },
    });
    (invoice.status_transitions as Record<string, unknown>).paid_at = i.paidAt;
    if (expandPayments) {
      const payment = Object.assign(example('invoice_payment'), {
        id: `inpay_${i.id.slice(3)}`,
        invoice: i.id,
        currency: i.currency,
        amount_paid: i.amountPaid,
        amount_requested: i.amountPaid,
        status: 'paid',
        payment: i.payment
          ? { type: 'payment_intent' in i.payment ? 'payment_intent' : 'charge', ...i.payment }
          : { type: 'payment_record', payment_record: `pr_${i.id.slice(3)}` },
      });
      invoice.payments = {
        object: 'list',
        data: [payment],
        has_more: false,
        url: `/v1/invoice_payments?invoice=${i.id}`,
      };
    }
    return invoice;
  }

  protected mutated(method: string, path: string, params: Params, key: string | undefined) {
    const mutation = { method, path, params, idempotencyKey: key };
    this.mutations.push(mutation);
    this.onChange(mutation);
  }
}
