import { readFileSync } from 'node:fs';
import {
  type AcceptOfferRequest,
  type Adapter,
  AdapterError,
  type BeaconAdapter,
  type FlowEvent,
  type ResolvedFlow,
  type SessionStart,
} from '@cancelflow/core';
import { FlowConfig } from '@cancelflow/core/schema';
import { describe, expect, test, vi } from 'vitest';
import { callbacksAdapter } from '../src/adapters/callbacks.ts';
import { combineAdapters } from '../src/adapters/combine.ts';
import { acceptKey, cancelKey, DECISION_DEADLINE_MS } from '../src/adapters/decision-calls.ts';
import { adapterEffects } from '../src/adapters/effects.ts';
import { memoryAdapter } from '../src/adapters/memory.ts';
import { createDelivery } from '../src/delivery/delivery.ts';
import { memoryStore } from '../src/delivery/storage.ts';

const session: SessionStart = {
  sessionId: 's1',
  sessionKey: 'k1',
  flow: {} as ResolvedFlow,
  subscriber: { sub: 'c1' },
  locale: 'en',
};
const event = (id: string): FlowEvent => ({
  id,
  sessionId: 's1',
  at: '2026-03-01T10:00:00.000Z',
  type: 'reason_selected',
  payload: { reasonId: 'too_expensive' },
});
const accept = (key: string, sessionId = 's1'): AcceptOfferRequest => ({
  sessionId,
  sessionKey: 'k1',
  offerId: 'pause',
  choice: { months: 2 },
  idempotencyKey: key,
});

describe('memoryAdapter', () => {
  test('keeps each event once, however often it is sent', async () => {
    const memory = memoryAdapter();
    await memory.sendEvents([event('a'), event('b')], {});
    await memory.sendEvents([event('b'), event('c')], {});
    expect(memory.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  test('applies an accept once per idempotency key, refuses a second offer, and lets a cancel follow', async () => {
    const memory = memoryAdapter();
    await memory.acceptOffer(accept('key1'));
    await memory.acceptOffer(accept('key1'));
    expect(memory.accepted).toHaveLength(1);
    await expect(memory.acceptOffer(accept('key2'))).rejects.toMatchObject({ code: 'conflict', status: 409 });
    // The subscriber's last word wins, as on the server: a cancel after the save is confirmed, once.
    const cancel = { sessionId: 's1', sessionKey: 'k1', idempotencyKey: 'c' };
    const receipt = await memory.confirmCancel(cancel);
    expect(await memory.confirmCancel(cancel)).toBe(receipt);
    expect(memory.receipts).toEqual([receipt]);
    await expect(memory.acceptOffer(accept('key3'))).rejects.toMatchObject({ code: 'conflict' });
  });

  test('a replayed cancel returns the same receipt; receipts say what the options say', async () => {
    const memory = memoryAdapter({ receipt: () => ({ effectiveOn: '2026-03-31', refund: 'Pro-rata credit' }) });
    const request = { sessionId: 's2', sessionKey: 'k', reasonId: 'other', idempotencyKey: 'c1' };
    const first = await memory.confirmCancel(request);
    const again = await memory.confirmCancel(request);
    expect(again).toBe(first);
    expect(first).toMatchObject({ sessionId: 's2', effectiveOn: '2026-03-31', refund: 'Pro-rata credit' });
    expect(memory.receipts).toEqual([first]);
  });

  test('failNext makes the next calls fail with the given error, then works again', async () => {
    const memory = memoryAdapter({ start: () => session });
    memory.failNext('startSession', new AdapterError('unavailable', 'down'), 2);
    await expect(memory.startSession({ locale: {} })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(memory.startSession({ locale: {} })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(memory.startSession({ locale: {} })).resolves.toBe(session);
    expect(memory.sessions).toEqual([session]);
  });
});

describe('callbacksAdapter', () => {
  const receiptPart = { effectiveOn: '2026-03-31', refund: 'No refund' };

  test('calls onAcceptOffer once per idempotency key after a success, again after a failure', async () => {
    let fail = true;
    const onAcceptOffer = vi.fn(async () => {
      if (fail) throw new Error('billing timeout');
    });
    const adapter = callbacksAdapter({ onAcceptOffer, onCancel: () => receiptPart, onEvents: () => {} });
    await expect(adapter.acceptOffer(accept('key1'))).rejects.toMatchObject({
      code: 'unavailable',
      message: 'onAcceptOffer failed: billing timeout',
    });
    fail = false;
    await adapter.acceptOffer(accept('key1'));
    await adapter.acceptOffer(accept('key1'));
    expect(onAcceptOffer).toHaveBeenCalledTimes(2);
    await adapter.acceptOffer(accept('key2', 's2'));
    expect(onAcceptOffer).toHaveBeenCalledTimes(3);
  });

  test('an AdapterError thrown by a callback keeps its code', async () => {
    const adapter = callbacksAdapter({
      onAcceptOffer: () => {
        throw new AdapterError('forbidden', 'not eligible', 403);
      },
      onCancel: () => receiptPart,
      onEvents: () => {},
    });
    await expect(adapter.acceptOffer(accept('k'))).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  test('onCancel result becomes a receipt with id, session and confirmation time; a replay returns it', async () => {
    const onCancel = vi.fn(async () => ({ ...receiptPart, plan: 'pro' }));
    const adapter = callbacksAdapter({ onAcceptOffer: () => {}, onCancel, onEvents: () => {} });
    const request = { sessionId: 's1', sessionKey: 'k1', idempotencyKey: 's1:cancel' };
    const receipt = await adapter.confirmCancel(request);
    expect(receipt).toMatchObject({ ...receiptPart, plan: 'pro', sessionId: 's1' });
    expect(receipt.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(receipt.confirmedAt))).toBe(false);
    expect(await adapter.confirmCancel(request)).toBe(receipt);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  test('onEvents and onStart pass through; a throw in onEvents is unavailable (the outbox retries)', async () => {
    const onEvents = vi.fn();
    const adapter = callbacksAdapter({
      onStart: async () => session,
      onAcceptOffer: () => {},
      onCancel: () => receiptPart,
      onEvents,
    });
    expect(await adapter.startSession({ token: 't', locale: {} })).toBe(session);
    await adapter.sendEvents([event('a')], { s1: 'k1' });
    expect(onEvents).toHaveBeenCalledWith([event('a')], { s1: 'k1' });
    onEvents.mockRejectedValueOnce(new Error('db down'));
    await expect(adapter.sendEvents([event('a')], {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  test('without onStart and without a static flow, starting says what is missing', async () => {
    const adapter = callbacksAdapter({ onAcceptOffer: () => {}, onCancel: () => receiptPart, onEvents: () => {} });
    await expect(adapter.startSession({ token: 't', locale: {} })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('pass `flow` (data-flow) or an `onStart` callback'),
    });
  });
});

describe('static flows (no server)', () => {
  const saas = FlowConfig.parse(
    JSON.parse(readFileSync(new URL('../../../examples/flows/saas.json', import.meta.url), 'utf8')),
  );

  test('callbacksAdapter without onStart resolves the flow in the browser for the given subscriber', async () => {
    const adapter = callbacksAdapter({
      subscriber: { sub: 'c9', country: 'US', region: 'CA', mrr: 900 },
      onAcceptOffer: () => {},
      onCancel: () => ({ effectiveOn: '2026-03-31', refund: 'No refund' }),
      onEvents: () => {},
    });
    const started = await adapter.startSession({ flow: saas, locale: { explicit: 'de', browser: ['en-GB'] } });
    expect(started.sessionId).not.toBe(started.sessionKey);
    expect(started.subscriber.sub).toBe('c9');
    expect(started.locale).toBe('en'); // the flow is written in English only
    expect(started.flow.config.id).toBe('acme-analytics');
    expect(started.flow.profiles).toContain('us-ca');
    // Targeting applied: big accounts (mrr >= 500) are offered a talk instead of the discount.
    expect(started.flow.targetingRule).toBe('big_accounts');
  });

  test('memoryAdapter records the sessions it started', async () => {
    const memory = memoryAdapter({ subscriber: { sub: 'c1' } });
    const started = await memory.startSession({ flow: saas, locale: {} });
    expect(memory.sessions).toEqual([started]);
    expect(started.flow.steps.length).toBeGreaterThan(0);
  });
});

describe('combineAdapters', () => {
  test('sessions, billing and analytics each go to their own adapter', async () => {
    const sessions = memoryAdapter({ start: () => session });
    const billing = memoryAdapter();
    const analytics = memoryAdapter();
    const combined = combineAdapters({ session: sessions, billing, analytics });
    await combined.startSession({ locale: {} });
    await combined.acceptOffer(accept('k'));
    await combined.sendEvents([event('a')], {});
    expect(sessions.sessions).toHaveLength(1);
    expect(billing.accepted).toHaveLength(1);
    expect(analytics.events).toHaveLength(1);
    expect([sessions, analytics].every((a) => a.accepted.length === 0)).toBe(true);
    expect('beacon' in combined).toBe(false);
  });

  test("keeps the analytics adapter's beacon", () => {
    const beacon = vi.fn(() => true);
    const analytics: BeaconAdapter = { ...memoryAdapter(), beacon };
    const combined = combineAdapters({ session: memoryAdapter(), billing: memoryAdapter(), analytics });
    expect('beacon' in combined && combined.beacon([event('a')], { s1: 'k1' })).toBe(true);
    expect(beacon).toHaveBeenCalledWith([event('a')], { s1: 'k1' });
  });
});

describe('adapterEffects', () => {
  function setup(adapter: Adapter) {
    const store = memoryStore();
    const delivery = createDelivery({ adapter, store, delayMs: 60_000 });
    const effects = adapterEffects(adapter, session, delivery);
    const outbox = () =>
      store
        .keys('cancelflow:e:')
        .map((key) => JSON.parse(store.get(key) ?? '') as [FlowEvent, string])
        .sort((a, b) => a[0].at.localeCompare(b[0].at));
    return { effects, delivery, outbox };
  }

  // Events and decisions go out after a microtask: a session drawn before the server answered has its key later.
  const settled = () => new Promise((resolve) => setTimeout(resolve));

  test('emit puts the event in the outbox with its session key', async () => {
    const { effects, outbox, delivery } = setup(memoryAdapter());
    effects.emit(event('a'));
    await settled();
    expect(outbox()).toEqual([[event('a'), 'k1']]);
    delivery.stop();
  });

  test('a session whose key is still coming: events and decisions wait for it, then carry it', async () => {
    const memory = memoryAdapter();
    const store = memoryStore();
    const delivery = createDelivery({ adapter: memory, store, delayMs: 60_000 });
    let giveKey: (key: string) => void = () => {};
    const key = new Promise<string>((r) => (giveKey = r));
    const effects = adapterEffects(memory, { sessionId: 's1', sessionKey: () => key }, delivery);
    effects.emit(event('a'));
    effects.emit(event('b'));
    const accepted = effects.acceptOffer({ sessionId: 's1', offerId: 'pause' });
    await settled();
    expect(store.keys('cancelflow:e:')).toEqual([]);
    expect(memory.accepted).toEqual([]);
    giveKey('late-key');
    await accepted;
    await settled();
    const stored = store.keys('cancelflow:e:').map((key) => JSON.parse(store.get(key) ?? '') as [FlowEvent, string]);
    expect(stored.map(([e, key]) => [e.id, key]).sort()).toEqual([
      ['a', 'late-key'],
      ['b', 'late-key'],
    ]);
    expect(memory.accepted[0]).toMatchObject({ sessionKey: 'late-key', offerId: 'pause' });
    delivery.stop();
  });

  test('a session that started over (its key never comes) sends nothing', async () => {
    const memory = memoryAdapter();
    const store = memoryStore();
    const delivery = createDelivery({ adapter: memory, store, delayMs: 60_000 });
    const sessionKey = () => Promise.reject(new Error('started over'));
    const effects = adapterEffects(memory, { sessionId: 's1', sessionKey }, delivery);
    effects.emit(event('a'));
    await expect(effects.acceptOffer({ sessionId: 's1', offerId: 'pause' })).rejects.toThrow('started over');
    await settled();
    expect(store.keys('cancelflow:e:')).toEqual([]);
    expect(memory.accepted).toEqual([]);
    delivery.stop();
  });

  test('accept keys are stable per session, offer and choice', () => {
    expect(acceptKey('s1', 'pause', { months: 2 })).toBe(acceptKey('s1', 'pause', { months: 2 }));
    const keys = new Set([
      acceptKey('s1', 'pause', { months: 2 }),
      acceptKey('s1', 'pause', { months: 3 }),
      acceptKey('s1', 'pause'),
      acceptKey('s2', 'pause', { months: 2 }),
      acceptKey('s1', 'discount'),
      cancelKey('s1'),
    ]);
    expect(keys.size).toBe(6);
  });

  test('a retry after a lost answer is applied once', async () => {
    const memory = memoryAdapter();
    let loseAnswer = true;
    const flaky: Adapter = {
      ...memory,
      async acceptOffer(request) {
        await memory.acceptOffer(request);
        if (loseAnswer) throw new AdapterError('unavailable', 'connection reset');
      },
    };
    const { effects, delivery } = setup(flaky);
    await expect(effects.acceptOffer({ sessionId: 's1', offerId: 'pause', choice: { months: 2 } })).rejects.toThrow();
    loseAnswer = false;
    await effects.acceptOffer({ sessionId: 's1', offerId: 'pause', choice: { months: 2 } });
    expect(memory.accepted).toHaveLength(1);
    expect(memory.accepted[0]).toMatchObject({ sessionKey: 'k1', offerId: 'pause', choice: { months: 2 } });
    delivery.stop();
  });

  test('an adapter that never answers a decision: it fails at the deadline, and an answer before it counts', async () => {
    vi.useFakeTimers();
    try {
      const memory = memoryAdapter();
      let answerAt = Number.POSITIVE_INFINITY;
      const after = <T>(value: () => Promise<T>) =>
        Number.isFinite(answerAt) ? new Promise((r) => setTimeout(r, answerAt)).then(value) : new Promise<T>(() => {});
      const hanging: Adapter = {
        ...memory,
        acceptOffer: (request) => after(() => memory.acceptOffer(request)),
        confirmCancel: (request) => after(() => memory.confirmCancel(request)),
      };
      const { effects, outbox, delivery } = setup(hanging);
      const outcome = (decision: Promise<unknown>) =>
        decision.then(
          () => 'answered',
          (error: Error) => error.message,
        );
      const cancel = outcome(effects.confirmCancel({ sessionId: 's1' }));
      const accept = outcome(effects.acceptOffer({ sessionId: 's1', offerId: 'pause' }));
      await vi.advanceTimersByTimeAsync(DECISION_DEADLINE_MS - 1);
      expect(outbox()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await expect(cancel).resolves.toBe(
        `the adapter's answer to the cancel did not arrive within ${DECISION_DEADLINE_MS / 1000} s`,
      );
      await expect(accept).resolves.toBe(
        `the adapter's answer to the offer did not arrive within ${DECISION_DEADLINE_MS / 1000} s`,
      );
      expect(outbox().map(([e]) => e.payload)).toEqual(
        expect.arrayContaining([
          { action: 'confirm_cancel', code: 'unavailable' },
          { action: 'accept_offer', code: 'unavailable' },
        ]),
      );
      // A slow answer that still comes within the deadline is the decision's.
      answerAt = DECISION_DEADLINE_MS - 1_000;
      const retried = outcome(effects.acceptOffer({ sessionId: 's1', offerId: 'pause' }));
      await vi.advanceTimersByTimeAsync(DECISION_DEADLINE_MS);
      await expect(retried).resolves.toBe('answered');
      expect(memory.accepted).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
      delivery.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  test('a failed accept rejects with the typed error and is recorded as action_failed', async () => {
    const memory = memoryAdapter();
    memory.failNext('acceptOffer', new AdapterError('forbidden', 'not eligible', 403));
    const { effects, outbox, delivery } = setup(memory);
    await expect(effects.acceptOffer({ sessionId: 's1', offerId: 'pause' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(outbox().map(([e, key]) => [e.type, e.sessionId, e.payload, key])).toEqual([
      ['action_failed', 's1', { action: 'accept_offer', code: 'forbidden', status: 403 }, 'k1'],
    ]);
    delivery.stop();
  });

  test('a failed cancel rejects (the engine fails open) and is recorded; a success returns the receipt', async () => {
    const withdrawals: (boolean | undefined)[] = [];
    const memory = memoryAdapter({
      receipt: ({ withdraw }) => {
        withdrawals.push(withdraw);
        return { effectiveOn: '2026-03-01', refund: 'Full refund' };
      },
    });
    memory.failNext('confirmCancel', new AdapterError('unavailable', 'billing down', 503));
    const { effects, outbox, delivery } = setup(memory);
    await expect(effects.confirmCancel({ sessionId: 's1', reasonId: 'other' })).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(outbox()[0]?.[0]).toMatchObject({
      type: 'action_failed',
      payload: { action: 'confirm_cancel', code: 'unavailable', status: 503 },
    });
    const receipt = await effects.confirmCancel({ sessionId: 's1', reasonId: 'other', withdraw: true });
    expect(memory.receipts).toEqual([receipt]);
    expect(withdrawals).toEqual([true]);
    delivery.stop();
  });

  test('a failure that is not an AdapterError is recorded as unavailable', async () => {
    const adapter: Adapter = {
      ...memoryAdapter(),
      confirmCancel: () => Promise.reject(new TypeError('x is undefined')),
    };
    const { effects, outbox, delivery } = setup(adapter);
    await expect(effects.confirmCancel({ sessionId: 's1' })).rejects.toThrow(TypeError);
    expect(outbox()[0]?.[0].payload).toEqual({ action: 'confirm_cancel', code: 'unavailable' });
    delivery.stop();
  });
});
