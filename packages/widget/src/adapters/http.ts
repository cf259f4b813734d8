import {
  type AcceptOfferRequest,
  AdapterError,
  type BeaconAdapter,
  type ConfirmCancelRequest,
  type OfferResult,
  type Receipt,
  randomId,
  type SessionStart,
  type StartSessionRequest,
} from '@cancelflow/core';
import { type HttpRequestInfo, postJson, type RequestOptions } from './http-request.ts';

export type { HttpRequestInfo } from './http-request.ts';

/** The offer a session took, as the server names it in a 409 (see offers/accept.ts). */
type Taken = { readonly offerId: string; readonly result?: OfferResult };

export interface HttpAdapterOptions {
  /** Base URL of the cancelflow server, e.g. `https://cancel.example.com`; `/v1/...` is appended. */
  readonly endpoint: string;
  /** Per attempt. Default 8000 ms. */
  readonly timeoutMs?: number;
  /** Further attempts after a network error, timeout, 408, 429 or 5xx. Default 2. */
  readonly retries?: number;
  /** Extra headers per request (e.g. a CSRF token); may be async. */
  readonly headers?: (request: HttpRequestInfo) => Record<string, string> | Promise<Record<string, string>>;
  readonly fetch?: typeof fetch;
  /** Injected by tests so backoff needs no real waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Resolves once the browser is back online, or after `ms`; injected by tests. Default: the `online` event. */
  readonly online?: (ms: number) => Promise<void>;
}

/** Resolves at the page's next `online` event, or after `ms`. */
const whenOnline = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    addEventListener('online', done);
  });

interface EventsAck {
  readonly stored?: readonly string[];
  readonly duplicates?: readonly string[];
  readonly rejected?: readonly { readonly id: string; readonly code: string }[];
}

/** The reference server's protocol (docs/adapters.md) over plain `fetch`: it is on the click path. */
export function httpAdapter(options: HttpAdapterOptions): BeaconAdapter & { readonly endpoint: string } {
  const base = options.endpoint.replace(/\/+$/, '');
  const request: RequestOptions = {
    timeoutMs: options.timeoutMs ?? 8000,
    retries: options.retries ?? 2,
    headers: options.headers,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  // Only a decision waits for a dropped connection: a late session start would be counted for a modal
  // that has failed open meanwhile, and the outbox tries again on its own at the `online` event.
  const decision: RequestOptions = { ...request, online: options.online ?? whenOnline };
  const session = (id: string, action: string) => `${base}/v1/sessions/${encodeURIComponent(id)}/${action}`;
  const eventsUrl = `${base}/v1/events`;

  return {
    // Which server its events are for: pages of a site sending to several share one outbox (delivery).
    endpoint: base,
    async startSession({ token, locale }: StartSessionRequest) {
      return (await postJson(`${base}/v1/sessions`, { token, locale }, randomId(), request)) as SessionStart;
    },

    async sendEvents(events, keys) {
      // `sentAt` is this device's clock when the batch left: the server corrects the events' times by how
      // far its own clock differs (docs/server.md, _Event times_). Set once: a retry's delay stays below
      // the server's threshold for a wrong clock.
      const body = { events, keys, sentAt: new Date().toISOString() };
      const ack = (await postJson(eventsUrl, body, randomId(), request)) as EventsAck;
      const done = new Set([
        ...(ack.stored ?? []),
        ...(ack.duplicates ?? []),
        // An event without a usable id (not a string, too long: a tampered or foreign outbox entry) is
        // rejected as `#<its index>`; were it never counted as answered, it would hold up the outbox for good.
        ...(ack.rejected ?? []).map((r) => (/^#\d+$/.test(r.id) ? events[Number(r.id.slice(1))]?.id : r.id)),
      ]);
      const missing = events.filter((event) => !done.has(event.id)).length;
      if (missing) {
        throw new AdapterError(
          'unavailable',
          `POST ${eventsUrl} acknowledged ${events.length - missing} of ${events.length} events.`,
        );
      }
      if (ack.rejected?.length) {
        console.warn(
          `cancelflow: POST ${eventsUrl} rejected events for good: ${ack.rejected.map((r) => `${r.id} (${r.code})`).join(', ')}.`,
        );
      }
    },

    async acceptOffer({ sessionId, sessionKey, offerId, choice, reasonId, idempotencyKey }: AcceptOfferRequest) {
      const body = { sessionKey, offerId, choice, reasonId };
      try {
        return (
          (await postJson(session(sessionId, 'accept'), body, idempotencyKey, decision)) as {
            result?: OfferResult;
          } | null
        )?.result;
      } catch (error) {
        // 409 naming this offer: the session took it already (an earlier attempt whose answer was
        // lost, perhaps with another choice). That is the outcome, with what billing applied.
        const taken = ((error as AdapterError).body as { error?: { accepted?: Taken } } | undefined)?.error?.accepted;
        if (taken?.offerId === offerId) return taken.result;
        throw error;
      }
    },

    // No `feedback`: the server has every answer already, as `feedback_submitted` events, and stores it once.
    async confirmCancel({ sessionId, sessionKey, reasonId, withdraw, idempotencyKey }: ConfirmCancelRequest) {
      return (await postJson(
        session(sessionId, 'cancel'),
        { sessionKey, reasonId, withdraw },
        idempotencyKey,
        decision,
      )) as Receipt;
    },

    beacon(events, keys) {
      // A string body goes as text/plain: a JSON content type would need a CORS preflight beacons cannot make.
      const body = JSON.stringify({ events, keys, sentAt: new Date().toISOString() });
      if (globalThis.navigator?.sendBeacon?.(eventsUrl, body)) return true;
      try {
        request
          .fetch(eventsUrl, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } })
          .catch(() => {});
        return true;
      } catch {
        return false;
      }
    },
  };
}
