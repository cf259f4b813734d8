import {
  type AcceptOfferRequest,
  type Adapter,
  AdapterError,
  type ConfirmCancelRequest,
  type FlowEvent,
  type Receipt,
  randomId,
  type SessionStart,
  type StartSessionRequest,
  type SubscriberClaims,
  utcDay,
} from '@cancelflow/core';
import { startLocalSession } from './local-session.ts';

export interface MemoryAdapterOptions {
  /** Starts sessions your own way (e.g. with a ready ResolvedFlow); default: resolve the static flow given to `open`. */
  readonly start?: (request: StartSessionRequest) => SessionStart | Promise<SessionStart>;
  readonly subscriber?: SubscriberClaims;
  /** What receipts say. Default: access ends today, no refund. */
  readonly receipt?: (request: ConfirmCancelRequest) => Pick<Receipt, 'effectiveOn' | 'refund' | 'withdrawal'>;
}

export type MemoryMethod = 'startSession' | 'sendEvents' | 'acceptOffer' | 'confirmCancel';

/** An adapter that keeps everything in memory, for tests and the playground; it refuses like the reference server. */
export interface MemoryAdapter extends Adapter {
  readonly sessions: SessionStart[];
  /** Every event once, in arrival order, however often it was sent. */
  readonly events: FlowEvent[];
  /** Offers applied, once per session. */
  readonly accepted: AcceptOfferRequest[];
  /** Receipts of confirmed cancels, once per session. */
  readonly receipts: Receipt[];
  /** Makes the next `times` calls of `method` fail with `error` (e.g. to show the retry path). */
  failNext(method: MemoryMethod, error: AdapterError, times?: number): void;
}

export function memoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const failures: Partial<Record<MemoryMethod, { error: AdapterError; times: number }>> = {};
  const seen = new Set<string>();
  const byKey = new Map<string, unknown>();
  const ended = new Map<string, 'saved' | 'cancelled'>();

  function check(method: MemoryMethod): void {
    const failure = failures[method];
    if (failure && failure.times-- > 0) throw failure.error;
  }
  /**
   * One outcome per session, except that a cancel may follow a save (the subscriber's last word wins,
   * as on the server); a replay with the same key returns the first answer.
   */
  function settle<T>(sessionId: string, key: string, as: 'saved' | 'cancelled', apply: () => T): T {
    if (byKey.has(key)) return byKey.get(key) as T;
    const previous = ended.get(sessionId);
    if (previous && !(previous === 'saved' && as === 'cancelled'))
      throw new AdapterError('conflict', `memory adapter: session ${sessionId} already ended as ${previous}.`, 409);
    ended.set(sessionId, as);
    const result = apply();
    byKey.set(key, result);
    return result;
  }

  const adapter: MemoryAdapter = {
    sessions: [],
    events: [],
    accepted: [],
    receipts: [],
    failNext(method, error, times = 1) {
      failures[method] = { error, times };
    },
    async startSession(request) {
      check('startSession');
      const session = await (options.start ? options.start(request) : startLocalSession(request, options.subscriber));
      adapter.sessions.push(session);
      return session;
    },
    async sendEvents(events) {
      check('sendEvents');
      for (const event of events) {
        if (seen.has(event.id)) continue;
        seen.add(event.id);
        adapter.events.push(event);
      }
    },
    async acceptOffer(request) {
      check('acceptOffer');
      settle(request.sessionId, request.idempotencyKey, 'saved', () => adapter.accepted.push(request));
    },
    async confirmCancel(request) {
      check('confirmCancel');
      return settle(request.sessionId, request.idempotencyKey, 'cancelled', () => {
        const now = new Date();
        const receipt: Receipt = {
          id: randomId(),
          sessionId: request.sessionId,
          confirmedAt: now.toISOString(),
          ...(options.receipt?.(request) ?? { effectiveOn: utcDay(now), refund: 'No refund' }),
        };
        adapter.receipts.push(receipt);
        return receipt;
      });
    },
  };
  return adapter;
}
