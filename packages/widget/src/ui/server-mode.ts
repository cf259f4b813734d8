import { deferredAdapter } from '../adapters/deferred.ts';
import { CODE_DEADLINE_MS, withDeadline } from '../deadline.ts';
import type { OpenOptions } from '../runner/contract.ts';
import { fetchPreview, forgetPreview } from './preview.ts';
import { startOnServer } from './server-session.ts';
import type { Started } from './started.ts';

/**
 * The reference server's side of opening (`data-endpoint`), a chunk of its own so that a static flow
 * does not fetch it (and a server's page does not fetch static-flow.ts): the session's preview while
 * preparing, then the session itself.
 */
export const prepareServer = (options: OpenOptions & { endpoint: string; token: string }): void =>
  fetchPreview(options);

const adapters: Record<string, ReturnType<typeof deferredAdapter>> = {};

/**
 * The page's HTTP adapter for `endpoint`, its code fetched on first use (after the first screen; a
 * stalled fetch fails the decision waiting for it, and a cancel fails open). One per endpoint for the
 * page's life, and so one outbox delivery: a delivery each would hand the same waiting events to a
 * beacon of its own when the page goes away.
 */
export const httpFor = (endpoint: string): ReturnType<typeof deferredAdapter> =>
  (adapters[endpoint] ??= deferredAdapter(() =>
    withDeadline(import('../adapters/http.ts'), CODE_DEADLINE_MS, 'the HTTP adapter code').then((m) =>
      m.httpAdapter({ endpoint }),
    ),
  ));

/** Starts a session on the server; decisions and events go through the HTTP adapter, fetched after the first screen. */
export function startServerSession(options: OpenOptions & { endpoint: string }, signal: AbortSignal): Promise<Started> {
  const http = httpFor(options.endpoint);
  // After a decision (whatever its answer) the page's preview is stale.
  const deciding: typeof http = {
    ...http,
    acceptOffer: (request) => http.acceptOffer(request).finally(forgetPreview),
    confirmCancel: (request) => http.confirmCancel(request).finally(forgetPreview),
  };
  return startOnServer(options, deciding, signal);
}
