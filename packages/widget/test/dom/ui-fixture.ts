import {
  createFlowEngine,
  createTranslator,
  type EngineOptions,
  en,
  type FlowEvent,
  type OfferChoice,
  type OfferResult,
  type Receipt,
  resolveFlow,
  type SubscriberClaims,
} from '@cancelflow/core';
import { FlowConfig, type FlowConfigInput } from '@cancelflow/core/schema';
import { afterEach, vi } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import type { Ui } from '../../src/ui/types.ts';
import { h, render } from '../../src/ui/vdom/render.ts';

export const flowConfig: FlowConfigInput = {
  id: 'test-flow',
  version: 1,
  policy: {
    effective: 'period_end',
    refund: { type: 'full_within', days: 14 },
    support: { email: 'help@example.com' },
  },
  offers: {
    pause: { type: 'pause', unit: 'month', max: 3 },
    cheaper: {
      type: 'plan_change',
      plans: [
        { id: 'basic', name: 'Basic', price: { amount: 9, currency: 'USD' } },
        { id: 'lite', name: 'Lite', price: { amount: 5, currency: 'USD' } },
      ],
    },
  },
  steps: [
    {
      id: 'why',
      type: 'survey',
      reasons: [
        { id: 'not_using', label: 'Not using it', offer: 'pause' },
        { id: 'price', label: 'Too expensive', offer: 'cheaper', followUp: { prompt: 'What would be fair?' } },
      ],
    },
    { id: 'offer', type: 'offer' },
    { id: 'feedback', type: 'feedback', counter: true, maxLength: 200 },
    { id: 'confirm', type: 'confirm' },
    { id: 'done', type: 'done' },
  ],
};

const defaultNow = new Date('2026-03-10T12:00:00Z');

/** A real engine over a real resolved flow, with effects the test controls. */
export function makeUi(
  overrides: {
    subscriber?: Partial<SubscriberClaims>;
    config?: FlowConfigInput;
    now?: Date;
    /** What the backend's receipt says besides the fixture's. */
    receipt?: Partial<Receipt>;
    /** The engine's timer (`EngineOptions.after`). */
    after?: EngineOptions['after'];
  } = {},
) {
  const now = overrides.now ?? defaultNow;
  const config = FlowConfig.parse(overrides.config ?? flowConfig);
  const subscriber: SubscriberClaims = { sub: 'cus_1', periodEnd: '2026-03-31', ...overrides.subscriber };
  const flow = resolveFlow({ config, subscriber, now });
  const events: FlowEvent[] = [];
  const receipt: Receipt = {
    id: 'rcpt_1',
    sessionId: 's1',
    confirmedAt: '2026-03-10T12:00:00Z',
    effectiveOn: '2026-03-31',
    refund: 'Full refund within 14 days',
    ...overrides.receipt,
  };
  const effects = {
    acceptOffer: vi.fn(
      async (_request: { offerId: string; choice?: OfferChoice }): Promise<OfferResult | undefined> => undefined,
    ),
    confirmCancel: vi.fn(async (request: { withdraw?: boolean }) => ({
      ...receipt,
      ...(request.withdraw && { withdrawal: true }),
    })),
    emit: (event: FlowEvent) => {
      events.push(event);
    },
  };
  const engine = createFlowEngine({
    sessionId: 's1',
    flow,
    subscriber,
    effects,
    now: () => now,
    ...(overrides.after && { after: overrides.after }),
  });
  const t = createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' });
  const ui: Ui = { engine, flow, t, subscriber, now: () => now, renderers: {} };
  return { ui, engine, effects, events };
}

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const container of containers.splice(0)) {
    render(null, container);
    container.remove();
  }
});

/** Renders the modal over a fresh fixture and starts the session (unmounted after the test). */
export function openApp(overrides?: Parameters<typeof makeUi>[0]) {
  const fixture = makeUi(overrides);
  const container = document.body.appendChild(document.createElement('div'));
  containers.push(container);
  render(h(App, { ui: fixture.ui }), container);
  fixture.engine.start();
  return fixture;
}
