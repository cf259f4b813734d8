import { type ResolvedFlow, type ResolveInput, resolveFlow } from '@cancelflow/core';

/**
 * The one place the server resolves a flow: with the same core function the browser runs, so the
 * server's re-checks and the subscriber's screen never disagree. No resolution rule lives here.
 */
export function resolveForSubscriber(input: ResolveInput): ResolvedFlow {
  return resolveFlow(input);
}
