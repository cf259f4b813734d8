import { resumeDelivery } from '../delivery/delivery.ts';
import type { OpenOptions } from '../runner/contract.ts';
import { httpFor } from './server-mode.ts';

/**
 * Re-sends a previous page's unacknowledged events to the reference server, then resolves. A chunk
 * of its own: the UI asks for it only when the outbox holds something, never on the click path. It
 * shares the page's HTTP adapter, and so its delivery, with the opens to come.
 */
export async function resumeEvents(options: OpenOptions): Promise<void> {
  if (options.endpoint) await resumeDelivery(await httpFor(options.endpoint).loaded()).flush();
}
