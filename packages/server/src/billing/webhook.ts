import ky from 'ky';
import type { BillingConfig } from '../config/sites.ts';
import { signatureHeader } from '../webhooks/sign.ts';
import { type ApplyOfferResult, BillingError, type BillingPlugin } from './types.ts';

const TIMEOUT_MS = 10_000;

/**
 * The `webhook` billing plugin: a signed, synchronous POST to the site's own endpoint, which applies
 * the change in its billing system and answers 2xx (optionally `{ message?, resumesOn?, planId?, trialEndsOn? }`).
 * Signed like outbound webhooks (`Cancelflow-Signature`); `Cancelflow-Idempotency-Key` repeats on a
 * retry of the same operation so the site applies it once.
 */
export function webhookBilling(config: Extract<BillingConfig, { type: 'webhook' }>): BillingPlugin {
  async function call(
    type: string,
    idempotencyKey: string,
    data: Record<string, unknown>,
    now: Date,
  ): Promise<unknown> {
    const body = JSON.stringify({ id: idempotencyKey, type, createdAt: now.toISOString(), data });
    // ky's own timeout ends with the headers; this deadline bounds reading the answer's body too, on a
    // timer of our own that the call holds until it returns (an AbortSignal.timeout() here let a stalled
    // body hold the decision past it, now and then, under load).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), TIMEOUT_MS);
    try {
      return await exchange(idempotencyKey, body, now, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  async function exchange(idempotencyKey: string, body: string, now: Date, signal: AbortSignal): Promise<unknown> {
    let response: Response;
    try {
      response = await ky.post(config.url, {
        body,
        headers: {
          'content-type': 'application/json',
          'cancelflow-idempotency-key': idempotencyKey,
          'cancelflow-signature': signatureHeader(config.secret, body, Math.floor(now.getTime() / 1000)),
        },
        timeout: TIMEOUT_MS,
        signal,
        retry: 0,
        redirect: 'manual',
        throwHttpErrors: false,
      });
    } catch (cause) {
      throw new BillingError(`billing endpoint unreachable: ${String(cause)}`, { outcome: 'unknown', cause });
    }
    if (!response.ok) {
      // 3xx (not followed) or 4xx: the site refused, nothing applied. 5xx: unknown.
      const refused = response.status < 500;
      throw new BillingError(`billing endpoint answered HTTP ${response.status}`, {
        outcome: refused ? 'refused' : 'unknown',
      });
    }
    // A 2xx applies, whatever its body (even one that never ends): only a JSON body can carry a result.
    if (!/[/+]json\b/i.test(response.headers.get('content-type') ?? '')) {
      await response.body?.cancel().catch(() => {});
      return {};
    }
    // Applied either way: the body's JSON, or nothing once the deadline has passed.
    const stalled = new Promise<object>((resolve) => signal.addEventListener('abort', () => resolve({})));
    return Promise.race([response.json().catch(() => ({})), stalled]);
  }
  return {
    async applyOffer({ siteId, sessionId, claims, idempotencyKey, offerId, offer, choice, now }) {
      const answer = await call(
        'offer.apply',
        idempotencyKey,
        { siteId, sessionId, subscriber: claims, offerId, offer, choice },
        now,
      );
      return pickResult(answer);
    },
    async cancel(request) {
      const { siteId, sessionId, claims, idempotencyKey, receiptId, effectiveOn, reasonId, withdrawal, now } = request;
      const confirmedAt = request.confirmedAt.toISOString();
      await call(
        'subscription.cancel',
        idempotencyKey,
        { siteId, sessionId, subscriber: claims, receiptId, effectiveOn, reasonId, withdrawal, confirmedAt },
        now,
      );
    },
  };
}

/** Keeps only the documented fields, as strings, from the site's answer. */
function pickResult(answer: unknown): ApplyOfferResult {
  if (typeof answer !== 'object' || answer === null) return {};
  const a = answer as Record<string, unknown>;
  const result: { -readonly [K in keyof ApplyOfferResult]: ApplyOfferResult[K] } = {};
  const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  if (typeof a.message === 'string') result.message = a.message.slice(0, 500);
  if (day(a.resumesOn)) result.resumesOn = day(a.resumesOn);
  if (day(a.trialEndsOn)) result.trialEndsOn = day(a.trialEndsOn);
  if (typeof a.planId === 'string') result.planId = a.planId.slice(0, 200);
  return result;
}
