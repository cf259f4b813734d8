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

/** Starts a session on the server; decisions and events go through the HTTP adapter, fetched after the first screen. */
export function startServerSession(options: OpenOptions & { endpoint: string }, signal: AbortSignal): Promise<Started> {
  // Fetched after the first screen; a stalled fetch fails the decision waiting for it (a cancel fails open).
  const http = deferredAdapter(() =>
    withDeadline(import('../adapters/http.ts'), CODE_DEADLINE_MS, 'the HTTP adapter code').then((m) =>
      m.httpAdapter({ endpoint: options.endpoint }),
    ),
  );
  // After a decision (whatever its answer) the page's preview is stale.
  const deciding: typeof http = {
    ...http,
    acceptOffer: (request) => http.acceptOffer(request).finally(forgetPreview),
    confirmCancel: (request) => http.confirmCancel(request).finally(forgetPreview),
  };
  return startOnServer(options, deciding, signal);
}
