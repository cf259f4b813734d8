import { example } from './examples.ts';
import type { Params } from './form.ts';
import { invalid, missing, newId, StripeFailure, StripeState } from './state.ts';

/** What each Stripe API call the plugin makes does to the account (state.ts), as Stripe's API reference says. */
export class StripeCalls extends StripeState {
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
      // As Stripe: an ended subscription is gone for a DELETE (though still readable).
      if (s.status === 'canceled') throw missing('subscription', id);
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
