import type { FlowEngine } from '@cancelflow/core';

/**
 * The subscriber leaves the page with the flow open and undecided — Back, a link elsewhere, closing
 * the tab — or, in a single-page app, goes Back or Forward in its history (the page under the modal is
 * another view now). Either way they left the flow: it ends as `abandoned`, as a close would, and its
 * `session_abandoned` is in the outbox before the delivery's own `pagehide` hands the outbox to a
 * beacon (what that beacon misses, the next page load sends). The modal goes with it, so a page the
 * back/forward cache restores shows no flow that was already recorded as abandoned, and nothing is
 * recorded twice. After a decision (the receipt on screen) and while one is in flight, nothing
 * changes: the decision stands, and a restored page shows its receipt.
 *
 * `pagehide` is listened to in the capture phase: at the window, capture listeners run before the
 * delivery's, and the events the close emits reach the outbox in the microtasks between the two.
 * A move in the history is a `navigate` event of type `traverse` (the Navigation API), not `popstate`,
 * which Chromium also fires when a script sets `location.hash`: a site's script doing so while the
 * modal is open must not end the flow. Without the Navigation API, `popstate` it is.
 * Loaded with the delivery, after the first screen; until then a leave records no more than before.
 */
export function closeOnLeave(engine: FlowEngine): void {
  const leave = () => {
    if (engine.state.peek().status === 'running') engine.close();
  };
  const history = (globalThis as { navigation?: EventTarget }).navigation;
  const onNavigate = (event: Event) => {
    if ((event as Event & { navigationType?: string }).navigationType === 'traverse') leave();
  };
  addEventListener('pagehide', leave, true);
  if (history) history.addEventListener('navigate', onNavigate);
  else addEventListener('popstate', leave);
  engine.outcome.then(() => {
    removeEventListener('pagehide', leave, true);
    history?.removeEventListener('navigate', onNavigate);
    removeEventListener('popstate', leave);
  });
}
