import {
  type Adapter,
  cancellationTerms,
  type FlowConfig,
  type FlowConfigInput,
  withFlowDefaults,
} from '@cancelflow/core';
import { memoryAdapter } from '../adapters/memory.ts';
import type { OpenOptions } from '../shared/contract.ts';
import type { LocalTerms } from './session.ts';
import { refundText } from './terms.ts';

/** Fetches a static flow (`data-flow`) and fills in its defaults. */
export async function fetchFlow(url: string): Promise<FlowConfig> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`could not load the flow ${url}: HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error(`the flow ${url} is not valid JSON (check it with \`cancelflow validate\`)`);
  }
  // No validation here (zod stays off the click path): a broken flow makes the engine throw, and the
  // widget fails open. `cancelflow validate` is where static flows get checked. A file that is not a
  // flow at all (a wrong URL serving other JSON) gets a message naming it rather than a TypeError.
  const flow = json as FlowConfigInput | null;
  if (!Array.isArray(flow?.steps) || typeof flow.policy !== 'object') {
    throw new Error(
      `${url} is not a cancel flow: it needs "policy" and "steps" (check it with \`cancelflow validate\`)`,
    );
  }
  return withFlowDefaults(flow);
}

/**
 * With no server, the flow is resolved in this page and nothing is sent anywhere: the site learns the
 * outcome from the DOM events, and its own cancel action does the cancelling. Receipts follow the
 * flow's policy, in the subscriber's words.
 */
export function staticAdapter(options: OpenOptions, local: LocalTerms): Adapter {
  return memoryAdapter({
    ...(options.subscriber && { subscriber: options.subscriber }),
    receipt: () => {
      const { session, t } = local as Required<LocalTerms>;
      const terms = cancellationTerms(session.flow.config.policy, session.subscriber, new Date());
      return { effectiveOn: terms.effectiveOn, refund: refundText(t, terms.refund) };
    },
  });
}
