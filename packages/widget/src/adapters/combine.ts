import type { Adapter, BeaconAdapter } from '@cancelflow/core';

export interface CombinedAdapters {
  /** Starts sessions (and so decides which flow and subscriber). */
  readonly session: Adapter;
  /** Applies offers and performs cancels. */
  readonly billing: Adapter;
  /** Receives events. */
  readonly analytics: Adapter | BeaconAdapter;
}

/**
 * One adapter from three roles, e.g. the reference server for sessions and analytics while your own
 * code does billing: `combineAdapters({ session: http, billing: callbacks, analytics: http })`.
 * Events keep their session keys, so analytics over http needs sessions from that same server.
 */
export function combineAdapters({ session, billing, analytics }: CombinedAdapters): Adapter | BeaconAdapter {
  const combined: Adapter = {
    startSession: (request) => session.startSession(request),
    acceptOffer: (request) => billing.acceptOffer(request),
    confirmCancel: (request) => billing.confirmCancel(request),
    sendEvents: (events, keys) => analytics.sendEvents(events, keys),
  };
  return 'beacon' in analytics ? { ...combined, beacon: (events, keys) => analytics.beacon(events, keys) } : combined;
}
