import { type Adapter, AdapterError, type BeaconAdapter, type Receipt, type SessionStart } from '@cancelflow/core';

const METHODS = ['startSession', 'sendEvents', 'acceptOffer', 'confirmCancel'] as const;
type Method = (typeof METHODS)[number];

/** What an answer was, for a message: its keys when it is an object (which tells what is missing). */
const describe = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? `{ ${Object.keys(value).join(', ')} }`.replace('{  }', '{}')
    : String(value);

const invalid = (method: Method, answer: unknown, wanted: string) =>
  new AdapterError('invalid', `adapter.${method} resolved ${describe(answer)}, not ${wanted}`);

/**
 * A site's own adapter (the npm API's `adapter` option), checked where it meets the widget, so that a
 * mistake in it fails open with a message naming the method instead of a TypeError from deep inside
 * the UI — or, for a cancel answered without a receipt, instead of a modal stuck on its busy button:
 * - each method's failure, a synchronous throw included, rejects with an AdapterError whose message
 *   starts `adapter.<method> failed:` (an AdapterError's code, status and body are kept);
 * - an adapter missing a method fails at the session's start, before the subscriber answers anything;
 * - `startSession` must resolve a SessionStart with a session id and a resolved flow, and
 *   `confirmCancel` a Receipt with an id.
 * Methods are called on the adapter itself (`this` is the adapter), and its `beacon` is kept. One
 * wrapper per adapter for the page's life: event delivery keeps one outbox per adapter object, and a
 * new wrapper per open would hand the same waiting events to one beacon each when the page goes away.
 */
export function checkedAdapter(adapter: Adapter): Adapter {
  let checked = wrappers.get(adapter);
  if (!checked) {
    checked = wrap(adapter);
    wrappers.set(adapter, checked);
  }
  return checked;
}

const wrappers = new WeakMap<Adapter, Adapter>();

function wrap(adapter: Adapter): Adapter {
  const call = async <T>(method: Method, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const { status, body } = error as Partial<AdapterError>;
      throw new AdapterError(
        error instanceof AdapterError ? error.code : 'unavailable',
        `adapter.${method} failed: ${error instanceof Error ? error.message : String(error)}`,
        status,
        body,
      );
    }
  };
  const checked: Adapter & Partial<BeaconAdapter> = {
    async startSession(request) {
      const missing = METHODS.filter((method) => typeof (adapter as Partial<Adapter> | null)?.[method] !== 'function');
      if (missing.length) {
        throw new AdapterError('invalid', `the adapter has no ${missing.join(', ')} (see docs/adapters.md)`);
      }
      const session = await call('startSession', () => adapter.startSession(request));
      const { sessionId, flow } = (session ?? {}) as Partial<SessionStart>;
      if (typeof sessionId !== 'string' || typeof flow?.config !== 'object' || !Array.isArray(flow.steps)) {
        throw invalid('startSession', session, 'a SessionStart ({ sessionId, sessionKey, flow, subscriber, locale })');
      }
      return session;
    },
    sendEvents: (events, keys) => call('sendEvents', () => adapter.sendEvents(events, keys)),
    acceptOffer: (request) => call('acceptOffer', () => adapter.acceptOffer(request)),
    async confirmCancel(request) {
      const receipt = await call('confirmCancel', () => adapter.confirmCancel(request));
      if (typeof (receipt as Partial<Receipt> | undefined)?.id !== 'string') {
        throw invalid('confirmCancel', receipt, 'a Receipt ({ id, sessionId, confirmedAt, refund, … })');
      }
      return receipt;
    },
  };
  const { beacon } = adapter as Partial<BeaconAdapter>;
  if (typeof beacon === 'function') checked.beacon = (events, keys) => beacon.call(adapter, events, keys);
  return checked;
}
