import { httpAdapter } from '../adapters/http.ts';
import { resumeDelivery } from '../delivery/delivery.ts';
import type { OpenOptions } from '../runner/contract.ts';

/**
 * Re-sends a previous page's unacknowledged events to the reference server, then resolves. A chunk
 * of its own: the UI asks for it only when the outbox holds something, never on the click path.
 */
export async function resumeEvents(options: OpenOptions): Promise<void> {
  if (options.endpoint) await resumeDelivery(httpAdapter({ endpoint: options.endpoint })).flush();
}
