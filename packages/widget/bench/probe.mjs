// @ts-check
// What the benchmark runs in each page and reads from Chromium's network events.

/**
 * Runs in the page before its own scripts (an init script), so its click listener comes before the
 * loader's: from the click event's time stamp (the input's) to the frame that shows the dialog's
 * heading — found by checking at each animation frame, as the frame whose callbacks first see it is
 * the one that paints it — and then to the first task after that frame (its paint done).
 */
export function probe() {
  const w = /** @type {any} */ (window);
  w.bench = { clicks: [], closes: 0, shownAt: 0 };
  // When the modal's host enters the page, the first screen is being rendered: requests sent from
  // then on (the later steps' code, events) are not waited for. A custom element's connectedCallback
  // runs at that very moment, before the rendering that follows in the same task.
  customElements.define(
    'cancelflow-modal',
    class extends HTMLElement {
      connectedCallback() {
        w.bench.shownAt = performance.now();
      }
    },
  );
  const heading = () =>
    document.querySelector('cancelflow-modal, floor-modal')?.shadowRoot?.querySelector('h2')?.textContent;
  addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted) return; // a trigger's replayed click
      const clickedAt = event.timeStamp;
      const frame = () => {
        if (!heading()) return requestAnimationFrame(frame);
        const after = new MessageChannel();
        after.port1.onmessage = () => {
          const paintedAt = performance.now();
          const root = document.querySelector('cancelflow-modal, floor-modal')?.shadowRoot;
          w.bench.clicks.push({
            ms: paintedAt - clickedAt,
            wallClick: performance.timeOrigin + clickedAt,
            // The floor's host is in the page from the start: nothing after its click is waited for.
            wallShown: performance.timeOrigin + Math.max(w.bench.shownAt, clickedAt),
            focusInDialog: Boolean(root?.activeElement?.closest('[role=dialog]')),
          });
        };
        after.port2.postMessage(0);
      };
      requestAnimationFrame(frame);
    },
    true,
  );
  for (const type of ['cancelflow:close', 'floor:close']) addEventListener(type, () => w.bench.closes++);
}

/**
 * @typedef {{ requestId: string, wallTime: number, type?: string, request: { url: string, method: string },
 *   initiator: { type: string, url?: string, requestId?: string, stack?: { callFrames: { url: string }[], parent?: any } } }} Sent
 */

/** The script that asked for a request (a module import, a fetch), as far as Chromium says. */
function initiatorUrl(/** @type {Sent['initiator']} */ initiator) {
  if (initiator.url && initiator.type !== 'preflight') return initiator.url;
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const url = stack.callFrames.find((frame) => frame.url)?.url;
    if (url) return url;
  }
  return undefined;
}

/**
 * The requests the first screen waited for (sent between the click and the modal's host entering
 * the page), and the longest chain among them: a request
 * waits for the one that fetched the script asking for it (if that was also after the click), and a
 * CORS preflight counts as one more link before its request.
 * @param {Sent[]} sent every requestWillBeSent of the page
 * @param {number} from epoch ms (the click)
 * @param {number} to epoch ms (the host shown)
 */
export function clickRequests(sent, from, to) {
  // Events (the previous modal's, sent after it closed) never hold up a first screen.
  const inWindow = sent.filter(
    (s) => s.wallTime * 1000 >= from && s.wallTime * 1000 <= to && !s.request.url.endsWith('/v1/events'),
  );
  const byUrl = new Map(inWindow.filter((s) => s.initiator.type !== 'preflight').map((s) => [s.request.url, s]));
  const preflighted = new Set(
    inWindow.filter((s) => s.initiator.type === 'preflight').map((s) => s.initiator.requestId),
  );
  /** @type {Map<string, number>} */
  const depths = new Map();
  /** @type {(s: Sent, seen?: Set<Sent>) => number} */
  const depth = (s, seen = new Set()) => {
    const known = depths.get(s.requestId);
    if (known !== undefined) return known;
    if (seen.has(s)) return 1;
    seen.add(s);
    const parentUrl = initiatorUrl(s.initiator);
    const parent = parentUrl && parentUrl !== s.request.url ? byUrl.get(parentUrl) : undefined;
    const own = 1 + (parent ? depth(parent, seen) : 0) + (preflighted.has(s.requestId) ? 1 : 0);
    depths.set(s.requestId, own);
    return own;
  };
  const chain = inWindow
    .filter((s) => s.initiator.type !== 'preflight')
    .reduce((longest, s) => Math.max(longest, depth(s)), 0);
  return {
    count: inWindow.length,
    chain,
    urls: inWindow.map(
      (s) => `${s.initiator.type === 'preflight' ? 'OPTIONS' : s.request.method} ${new URL(s.request.url).pathname}`,
    ),
  };
}
