import {
  type Adapter,
  cancellationTerms,
  createFlowEngine,
  createTranslator,
  type FlowConfig,
  type FlowConfigInput,
  type FlowEngine,
  loadCatalog,
  type SessionStart,
  type Translator,
  withFlowDefaults,
} from '@cancelflow/core';
import { deferredAdapter } from '../adapters/deferred.ts';
import { adapterEffects } from '../adapters/effects.ts';
import { startRemoteSession } from '../adapters/start-remote.ts';
import { deferredDelivery } from '../delivery/deferred.ts';
import type { OpenOptions } from '../shared/contract.ts';
import { refundText } from './terms.ts';

export interface Started {
  readonly adapter: Adapter;
  readonly session: SessionStart;
  readonly local: LocalTerms;
}

/** Static flows have no server to write receipts: they follow the flow's policy, in the subscriber's words. */
interface LocalTerms {
  session?: SessionStart;
  t?: Translator;
}

async function fetchFlow(url: string): Promise<FlowConfig> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`could not load the flow ${url}: HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error(`the flow ${url} is not valid JSON (check it with \`cancelflow validate\`)`);
  }
  // No validation here (zod stays off the click path): a broken flow makes the engine throw, and the
  // widget fails open. `cancelflow validate` is where static flows get checked.
  return withFlowDefaults(json as FlowConfigInput);
}

/**
 * The adapter for these options: the developer's own, the reference server's (`endpoint`), or — for a
 * static flow with no server — one that keeps everything in this page and lets the site's own cancel
 * action do the cancelling.
 */
async function pickAdapter(options: OpenOptions, local: LocalTerms): Promise<Adapter> {
  if (options.adapter) return options.adapter;
  const { endpoint } = options;
  if (endpoint) {
    return deferredAdapter(
      (request) => startRemoteSession(endpoint, request),
      () => import('../adapters/http.ts').then((m) => m.httpAdapter({ endpoint })),
    );
  }
  if (options.flow) {
    // Resolving a flow in the browser (targeting, compliance…) is needed only without a server: its own chunk.
    const { memoryAdapter } = await import('../adapters/memory.ts');
    return memoryAdapter({
      ...(options.subscriber && { subscriber: options.subscriber }),
      receipt: () => {
        const { session, t } = local as Required<LocalTerms>;
        const terms = cancellationTerms(session.flow.config.policy, session.subscriber, new Date());
        return { effectiveOn: terms.effectiveOn, refund: refundText(t, terms.refund) };
      },
    });
  }
  throw new Error('no `endpoint`, `flow` or `adapter` was given (data-endpoint or data-flow on the script tag)');
}

/** Starts a session. Throws with a developer-facing message when it cannot (the widget then fails open). */
export async function startSession(options: OpenOptions): Promise<Started> {
  const local: LocalTerms = {};
  const adapter = await pickAdapter(options, local);
  const flow = options.flow && !options.endpoint ? await fetchFlow(options.flow) : undefined;
  const session = await adapter.startSession({
    ...(options.token && { token: options.token }),
    ...(flow && { flow }),
    locale: {
      explicit: options.locale,
      page: document.documentElement.lang || undefined,
      browser: navigator.languages,
    },
  });
  local.session = session;
  return { adapter, session, local };
}

/** The session's built-in strings: each locale is a chunk of its own, English too, so a subscriber fetches only theirs. */
export async function translatorFor({ session, local }: Started): Promise<Translator> {
  const catalog = await loadCatalog(session.locale).catch(() => loadCatalog('en'));
  local.t = createTranslator({ locale: session.locale, catalog, defaultLocale: session.flow.config.defaultLocale });
  return local.t;
}

/** The engine, with decisions going to the adapter and events to an outbox that loads after the first screen. */
export function engineFor({ adapter, session }: Started): FlowEngine {
  return createFlowEngine({
    sessionId: session.sessionId,
    flow: session.flow,
    subscriber: session.subscriber,
    locale: session.locale,
    effects: adapterEffects(
      adapter,
      session,
      deferredDelivery(async () => {
        // The real adapter (beacons need its synchronous `beacon()` on pagehide), then the outbox.
        const real = 'loaded' in adapter ? await (adapter as ReturnType<typeof deferredAdapter>).loaded() : adapter;
        return (await import('../delivery/delivery.ts')).resumeDelivery(real);
      }),
    ),
  });
}
