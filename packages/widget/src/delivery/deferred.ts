import type { FlowEvent } from '@cancelflow/core';
import { painted } from '../painted.ts';
import type { Delivery } from './delivery.ts';

/**
 * A Delivery usable at once whose code arrives later: the outbox is not needed to show the first
 * step, so its chunk loads after the modal is interactive. Events pushed before then wait in memory
 * and are handed over, in order, as soon as it is there. If it cannot load, the flow goes on (the
 * subscriber's cancel must not depend on analytics), one console warning says so, and the next event
 * or flush tries again: the events wait in memory meanwhile (a chunk that failed offline may load later).
 */
export function deferredDelivery(load: () => Promise<Delivery>): Delivery {
  const waiting: [FlowEvent, string][] = [];
  let real: Delivery | undefined;
  let loading: Promise<Delivery | undefined> | undefined;
  let warned = false;
  const ready = () =>
    (loading ??= load().then(
      (delivery) => {
        real = delivery;
        for (const [event, key] of waiting.splice(0)) delivery.push(event, key);
        return delivery;
      },
      (error: unknown) => {
        loading = undefined;
        if (!warned)
          console.warn(
            `cancelflow: events not sent yet, delivery did not load (${error}); it is tried again with the next event`,
          );
        warned = true;
        return undefined;
      },
    ));
  return {
    push(event, key) {
      if (real) return real.push(event, key);
      waiting.push([event, key]);
      // Loaded after the first event (session_started, as the first screen renders), once the frame
      // that shows it is done, so that the outbox's storage work is not on the click's path; in a
      // hidden tab, where frames stop, after 100 ms (before the tab may be closed). Pushes before that
      // frame share its wait (painted), and `ready` starts one load.
      if (!loading) painted().then(ready);
    },
    flush: () => ready().then((delivery) => delivery?.flush()),
    pending: () => (real ? real.pending() : waiting.length),
    hide: () => real?.hide(),
    stop: () => real?.stop(),
  };
}
