import type { FlowConfig } from './config/index.ts';
import type { ResolvedFlow } from './engine/types.ts';
import type { FlowEvent, OfferChoice, OfferResult, Receipt } from './events.ts';
import type { LocalePreferences } from './i18n/negotiate.ts';
import type { SubscriberClaims } from './subscriber.ts';

export interface StartSessionRequest {
  /** The site-signed JWT (server mode). */
  readonly token?: string;
  /** A static flow (no-server mode): the adapter resolves it locally. */
  readonly flow?: FlowConfig;
  readonly locale: LocalePreferences;
}

export interface SessionStart {
  readonly sessionId: string;
  /** Authenticates this session's later writes, including beacons that cannot carry headers. */
  readonly sessionKey: string;
  readonly flow: ResolvedFlow;
  readonly subscriber: SubscriberClaims;
  /** The negotiated UI locale. */
  readonly locale: string;
  /**
   * The server's time when it answered (ISO 8601), if it says: the dates a subscriber reads before the
   * receipt (the confirm step's terms, a pause's end) count from it, not from a device clock that may be off.
   */
  readonly now?: string;
}

/** What a session for a subscriber would resolve to (`POST /v1/preview`): a session start without the session. */
export type SessionPreview = Omit<SessionStart, 'sessionId' | 'sessionKey'>;

export interface AcceptOfferRequest {
  readonly sessionId: string;
  readonly sessionKey: string;
  readonly offerId: string;
  readonly choice?: OfferChoice;
  /** The reason the subscriber gave, if any: the offer must be one shown for it. */
  readonly reasonId?: string;
  /** Retries of one accept carry the same key; the server applies it once. */
  readonly idempotencyKey: string;
}

export interface ConfirmCancelRequest {
  readonly sessionId: string;
  readonly sessionKey: string;
  readonly reasonId?: string;
  readonly feedback?: string;
  /** The subscriber used the `eu` "withdraw from contract" function (see EngineEffects.confirmCancel). */
  readonly withdraw?: boolean;
  readonly idempotencyKey: string;
}

/**
 * Where a cancel flow's events and decisions go. `packages/widget` ships http (reference server),
 * callbacks and memory adapters; anyone can write another. Every method rejects with an
 * AdapterError so callers can tell a refusal from an outage.
 */
export interface Adapter {
  startSession(request: StartSessionRequest): Promise<SessionStart>;
  /** Resolves once the backend has durably stored every event (it de-duplicates by event id). */
  sendEvents(events: readonly FlowEvent[], sessionKeys: Readonly<Record<string, string>>): Promise<void>;
  /** Resolves with what billing reported applying it, if the backend says (the done step shows it). */
  // biome-ignore lint/suspicious/noConfusingVoidType: an adapter that returns nothing (as before billing results existed) must still fit
  acceptOffer(request: AcceptOfferRequest): Promise<OfferResult | void>;
  confirmCancel(request: ConfirmCancelRequest): Promise<Receipt>;
}

/** An adapter that can also hand events to the browser while the page unloads. */
export interface BeaconAdapter extends Adapter {
  /**
   * Sends without waiting for an answer (`navigator.sendBeacon`, else `fetch` with `keepalive`), so
   * nothing is acknowledged: callers keep the events until a later `sendEvents` succeeds.
   * Returns false when the browser refused to queue it.
   */
  beacon(events: readonly FlowEvent[], sessionKeys: Readonly<Record<string, string>>): boolean;
}

export type AdapterErrorCode =
  /** Network failure, timeout, 5xx or 429 after retries: worth trying again later. */
  | 'unavailable'
  /** 401: the token is missing, malformed, expired or signed with another secret. */
  | 'unauthorized'
  /** 403: not allowed for this subscriber (e.g. an offer they were not eligible for). */
  | 'forbidden'
  /** 409: already done (a replayed accept, a second cancel). */
  | 'conflict'
  /** 400/404/422: the request itself is wrong; retrying will not help. */
  | 'invalid';

export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  constructor(
    readonly code: AdapterErrorCode,
    message: string,
    readonly status?: number,
    /** The backend's answer, parsed, when it gave one (e.g. a 409 naming the offer already taken). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}
