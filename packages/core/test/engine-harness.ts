import type {
  EngineEffects,
  EngineOptions,
  FlowConfigInput,
  FlowEngine,
  FlowEvent,
  OfferChoice,
  PriorOffer,
  Receipt,
  ResolvedFlow,
  SubscriberClaims,
} from '../src/index.ts';
import { createFlowEngine, resolveFlow } from '../src/index.ts';
import { FlowConfig } from '../src/schema.ts';

export const NOW = new Date('2026-09-01T12:00:00Z');

/** Parses a hand-written config the way the server and CLI do, so tests run on what they would. */
export function parseFlow(input: FlowConfigInput): FlowConfig {
  const parsed = FlowConfig.safeParse(input);
  if (!parsed.success) throw new Error(`test fixture is not a valid flow: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

/** A small but complete flow: survey → offer → feedback → confirm → done. */
export function baseFlow(overrides: Partial<FlowConfigInput> = {}): FlowConfigInput {
  return {
    id: 'test-flow',
    version: 3,
    policy: { effective: 'period_end', refund: { type: 'none' } },
    offers: {
      discount: { type: 'discount', percentOff: 30, months: 3 },
      pause: { type: 'pause', max: 3 },
      downgrade: {
        type: 'plan_change',
        plans: [
          { id: 'starter', name: 'Starter', price: { amount: 9, currency: 'USD' } },
          { id: 'lite', name: 'Lite', price: { amount: 5, currency: 'USD' } },
        ],
      },
      talk: { type: 'contact', email: 'help@example.com' },
      winback: { type: 'discount', percentOff: 50, months: 1 },
    },
    steps: [
      {
        id: 'why',
        type: 'survey',
        reasons: [
          { id: 'price', label: 'Too expensive', offer: 'discount' },
          { id: 'unused', label: 'Not using it', offer: 'pause' },
          { id: 'bugs', label: 'Technical trouble', offer: 'talk', followUp: { prompt: 'What broke?', maxLength: 20 } },
          { id: 'other', label: 'Something else' },
        ],
      },
      { id: 'offer', type: 'offer' },
      { id: 'feedback', type: 'feedback', maxLength: 50 },
      { id: 'confirm', type: 'confirm' },
      { id: 'done', type: 'done' },
    ],
    ...overrides,
  };
}

export const subscriber = (claims: Partial<SubscriberClaims> = {}): SubscriberClaims => ({ sub: 'cus_1', ...claims });

export function resolve(
  input: FlowConfigInput,
  claims: Partial<SubscriberClaims> = {},
  history: PriorOffer[] = [],
  now = NOW,
): ResolvedFlow {
  return resolveFlow({ config: parseFlow(input), subscriber: subscriber(claims), history, now });
}

export const RECEIPT: Receipt = {
  id: 'rcpt_1',
  sessionId: 'sess_1',
  confirmedAt: NOW.toISOString(),
  effectiveOn: '2026-09-30',
  refund: 'No refund',
};

/**
 * Effects that record every call. Each async effect succeeds unless a failure was queued with
 * `failNext`; `hold()` keeps the next call in flight until `release()`.
 */
export function fakeEffects() {
  const events: FlowEvent[] = [];
  const accepts: { offerId: string; choice?: OfferChoice }[] = [];
  const cancels: { reasonId?: string; feedback?: string; withdraw?: boolean }[] = [];
  const failures: Error[] = [];
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  const pass = async () => {
    if (gate) await gate;
    const failure = failures.shift();
    if (failure) throw failure;
  };
  const effects: EngineEffects = {
    async acceptOffer({ offerId, choice }) {
      accepts.push({ offerId, ...(choice && { choice }) });
      await pass();
    },
    async confirmCancel({ reasonId, feedback, withdraw }) {
      cancels.push({
        ...(reasonId !== undefined && { reasonId }),
        ...(feedback !== undefined && { feedback }),
        ...(withdraw !== undefined && { withdraw }),
      });
      await pass();
      return RECEIPT;
    },
    emit(event) {
      events.push(event);
    },
  };
  return {
    effects,
    events,
    accepts,
    cancels,
    types: () => events.map((e) => e.type),
    failNext(message: string) {
      failures.push(new Error(message));
    },
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

export function engineFor(
  flow: ResolvedFlow,
  claims: Partial<SubscriberClaims> = {},
  extra: Pick<EngineOptions, 'within' | 'endAtDecision' | 'after'> = {},
) {
  const fake = fakeEffects();
  let n = 0;
  const engine: FlowEngine = createFlowEngine({
    sessionId: 'sess_1',
    flow,
    subscriber: subscriber(claims),
    effects: fake.effects,
    now: () => NOW,
    newId: () => `evt_${++n}`,
    ...extra,
  });
  return { engine, ...fake };
}

/** A started engine on `baseFlow` (or the given flow) for a subscriber with no special jurisdiction. */
export function started(input: FlowConfigInput = baseFlow(), claims: Partial<SubscriberClaims> = {}) {
  const run = engineFor(resolve(input, claims), claims);
  run.engine.start();
  return run;
}
