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
  | { readonly kind: 'lost_answer' };

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
const missing = (what: string, id: string) =>
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
 * credits — and what each API call does to it, answering with Stripe's example objects
 * (examples.ts) with the fields it tracks filled in. `server.ts` puts HTTP and idempotency around it.
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

  protected route(method: string, path: string, params: Params, key: string | undefined): unknown {
    const [, , resource, id, sub] = path.split('/');
    if (resource === 'subscriptions' && id && method === 'GET') return this.subscriptionObject(id);
    if (resource === 'subscriptions' && !id && method === 'GET') {
      const status = params.status as string | undefined;
      const data = [...this.subscriptions.values()]
        .filter((s) => s.customer === params.customer && (status === 'all' || s.status === (status ?? s.status)))
        .map((s) => this.subscriptionObject(s.id));
      return { object: 'list', data, has_more: false, url: '/v1/subscriptions' };
    }
    if (resource === 'subscriptions' && id && method === 'POST') return this.updateSubscription(id, params, key, path);
    if (resource === 'subscriptions' && !id && method === 'POST') return this.createSubscription(params, key, path);
    if (resource === 'subscriptions' && id && method === 'DELETE') {
      const s = this.subscriptions.get(id);
      if (!s) throw missing('subscription', id);
      if (s.status === 'canceled') throw invalid(`No such subscription: '${id}'`, 'resource_missing');
      s.status = 'canceled';
      s.canceledAt = Math.floor(Date.now() / 1000);
      this.mutated(method, path, params, key);
      return this.subscriptionObject(id);
    }
    if (resource === 'coupons' && method === 'POST') {
      if ((params.percent_off === undefined) === (params.amount_off === undefined)) {
        throw invalid('Coupons require one of percent_off or amount_off.');
      }
      if (params.amount_off !== undefined && !params.currency)
        throw invalid('Missing required param: currency.', 'parameter_missing', 'currency');
      const coupon = Object.assign(example('coupon'), {
        id: (params.id as string | undefined) ?? newId('cpn'),
        percent_off: params.percent_off === undefined ? null : Number(params.percent_off),
        amount_off: params.amount_off === undefined ? null : Number(params.amount_off),
        currency: params.currency ?? null,
        duration: params.duration,
        duration_in_months: params.duration_in_months === undefined ? null : Number(params.duration_in_months),
        max_redemptions: params.max_redemptions === undefined ? null : Number(params.max_redemptions),
        name: params.name ?? null,
        metadata: params.metadata ?? {},
      });
      this.coupons.set(coupon.id as string, coupon);
      this.mutated(method, path, params, key);
      return coupon;
    }
    if (resource === 'invoices' && !id && method === 'GET') {
      const expand = Object.values((params.expand as Params | string[] | undefined) ?? {});
      const data = [...this.invoices.values()]
        .filter((i) => i.subscription === params.subscription && (params.status ?? 'paid') === 'paid')
        .sort((a, b) => b.paidAt - a.paidAt)
        .slice(0, Number(params.limit ?? 10))
        .map((i) => this.invoiceObject(i, expand.includes('data.payments')));
      return { object: 'list', data, has_more: false, url: '/v1/invoices' };
    }
    if (resource === 'refunds' && method === 'POST') return this.refund(params, key, path);
    if (resource === 'refunds' && !id && method === 'GET') {
      const data = this.refunds.filter(
        (r) =>
          (params.payment_intent === undefined || r.payment_intent === params.payment_intent) &&
          (params.charge === undefined || r.charge === params.charge),
      );
      return { object: 'list', data, has_more: false, url: '/v1/refunds' };
    }
    if (resource === 'customers' && id && sub === 'balance_transactions' && method === 'GET') {
      const data = this.credits.filter((c) => c.customer === id);
      return { object: 'list', data, has_more: false, url: `/v1/customers/${id}/balance_transactions` };
    }
    if (resource === 'customers' && id && sub === 'balance_transactions' && method === 'POST') {
      const credit = Object.assign(example('customer_balance_transaction'), {
        id: newId('cbtxn'),
        customer: id,
        amount: Number(params.amount),
        currency: params.currency,
        description: params.description ?? null,
        metadata: params.metadata ?? {},
      });
      this.credits.push(credit);
      this.mutated(method, path, params, key);
      return credit;
    }
    throw new StripeFailure(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  }

  /** The discounts a request names, checked: a coupon, or the coupon a promotion code redeems. */
  private discountIds(discounts: Params[] | undefined): string[] | undefined {
    if (!discounts) return undefined;
    return discounts.map((d) => {
      const promotion = d.promotion_code as string | undefined;
      if (promotion !== undefined && !this.promotionCodes.has(promotion)) throw missing('promotion code', promotion);
      const coupon = promotion === undefined ? (d.coupon as string | undefined) : this.promotionCodes.get(promotion);
      if (coupon === undefined || !this.coupons.has(coupon)) throw missing('coupon', String(coupon));
      return newId('di');
    });
  }

  protected updateSubscription(id: string, params: Params, key: string | undefined, path: string): unknown {
    const s = this.subscriptions.get(id);
    if (!s) throw missing('subscription', id);
    const allowed = ['metadata', 'cancellation_details'];
    if (s.status === 'canceled' && Object.keys(params).some((p) => !allowed.includes(p))) {
      throw invalid('A canceled subscription can only update its cancellation_details and metadata.');
    }
    const discounts = params.discounts as Params[] | undefined;
    const ids = this.discountIds(discounts);
    const items = params.items as Params[] | undefined;
    for (const item of items ?? []) {
      if (item.id !== s.itemId) throw invalid(`No such subscription item: '${String(item.id)}'`, 'resource_missing');
      if (!this.prices.has(item.price as string)) throw missing('price', String(item.price));
    }
    // Checked; now change.
    if (ids) s.discounts = ids;
    if (items?.[0]) s.price = items[0].price as string;
    const pause = params.pause_collection as Params | undefined;
    if (pause) s.pause = { behavior: String(pause.behavior), resumes_at: Number(pause.resumes_at) };
    if (params.trial_end !== undefined) s.trialEnd = Number(params.trial_end);
    if (params.cancel_at_period_end !== undefined) s.cancelAtPeriodEnd = params.cancel_at_period_end === 'true';
    Object.assign(s.metadata, params.metadata ?? {});
    this.mutated('POST', path, params, key);
    return this.subscriptionObject(id);
  }

  /** A new subscription for a customer, paid now: active for a month from today. */
  protected createSubscription(params: Params, key: string | undefined, path: string): unknown {
    const customer = params.customer as string | undefined;
    if (!customer) throw invalid('Missing required param: customer.', 'parameter_missing', 'customer');
    const items = (params.items as Params[] | undefined) ?? [];
    const price = items[0]?.price as string | undefined;
    if (items.length !== 1 || !price) throw invalid('Missing required param: items[0][price].', 'parameter_missing');
    if (!this.prices.has(price)) throw missing('price', price);
    const discounts = this.discountIds(params.discounts as Params[] | undefined);
    const now = Math.floor(Date.now() / 1000);
    const id = newId('sub');
    const old = [...this.subscriptions.values()].find((s) => s.customer === customer);
    this.subscriptions.set(id, {
      id,
      customer,
      currency: old?.currency ?? 'usd',
      status: 'active',
      price,
      itemId: newId('si'),
      periodStart: now,
      periodEnd: now + 30 * 86_400,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      pause: null,
      discounts: discounts ?? [],
      metadata: { ...((params.metadata as Record<string, string> | undefined) ?? {}) },
    });
    this.mutated('POST', path, params, key);
    return this.subscriptionObject(id);
  }

  protected refund(params: Params, key: string | undefined, path: string): unknown {
    const invoice = [...this.invoices.values()].find(
      (i) =>
        i.payment &&
        (('payment_intent' in i.payment && i.payment.payment_intent === params.payment_intent) ||
          ('charge' in i.payment && i.payment.charge === params.charge)),
    );
    if (!invoice)
      throw missing(
        params.payment_intent ? 'payment_intent' : 'charge',
        String(params.payment_intent ?? params.charge),
      );
    const left = invoice.amountPaid - invoice.refunded;
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (left === 0) throw invalid(`Charge has already been refunded.`, 'charge_already_refunded');
    if (amount > left)
      throw invalid(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
        'amount_too_large',
      );
    invoice.refunded += amount;
    const refund = Object.assign(example('refund'), {
      id: newId('re'),
      amount,
      currency: invoice.currency,
      charge: params.charge ?? null,
      payment_intent: params.payment_intent ?? null,
      reason: params.reason ?? null,
      metadata: params.metadata ?? {},
      status: 'succeeded',
    });
    this.refunds.push(refund);
    this.mutated('POST', path, params, key);
    return refund;
  }
}
