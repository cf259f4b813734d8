import type { Adapter } from '@cancelflow/core';
import { loadOnce } from '../load-once.ts';

/**
 * An adapter whose calls load its code on first use. The widget's script-tag path uses it so that
 * retries, backoff and beacons — needed only after the first screen — are not fetched before the
 * modal is interactive (its session starts by ui/server-session.ts, without this adapter).
 */
export function deferredAdapter(load: () => Promise<Adapter>): Adapter & { readonly loaded: () => Promise<Adapter> } {
  const loaded = loadOnce(load); // after a failure, the next call tries again
  return {
    startSession: async (request) => (await loaded()).startSession(request),
    loaded,
    sendEvents: async (events, keys) => (await loaded()).sendEvents(events, keys),
    acceptOffer: async (request) => (await loaded()).acceptOffer(request),
    confirmCancel: async (request) => (await loaded()).confirmCancel(request),
  };
}
