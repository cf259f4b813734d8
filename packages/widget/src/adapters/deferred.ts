import type { Adapter, SessionStart, StartSessionRequest } from '@cancelflow/core';
import { loadOnce } from '../load-once.ts';

/**
 * An adapter whose session start is at hand and whose other calls load their code on first use
 * (or when `preload` is called). The widget's script-tag path uses it so that retries, backoff and
 * beacons — needed only after the first screen — are not fetched before the modal is interactive.
 */
export function deferredAdapter(
  startSession: (request: StartSessionRequest) => Promise<SessionStart>,
  load: () => Promise<Adapter>,
): Adapter & { readonly loaded: () => Promise<Adapter> } {
  const loaded = loadOnce(load); // after a failure, the next call tries again
  return {
    startSession,
    loaded,
    sendEvents: async (events, keys) => (await loaded()).sendEvents(events, keys),
    acceptOffer: async (request) => (await loaded()).acceptOffer(request),
    confirmCancel: async (request) => (await loaded()).confirmCancel(request),
  };
}
