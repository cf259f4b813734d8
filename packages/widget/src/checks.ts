/**
 * The npm API's checks of what a JavaScript caller may pass that the types would have refused, so a
 * mistake is named where it is made rather than surfacing later as a browser's own error.
 */
import type { OpenOptions } from './runner/contract.ts';

/**
 * What is wrong with options the types would have refused (a JavaScript caller, a value from a
 * config file), naming the option; the flow then fails open with this message.
 */
export function problemIn(options: OpenOptions): string | undefined {
  const { timeout, flow, endpoint, token, adapter } = options;
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout))) {
    return `the timeout option must be a number of milliseconds above 0 (got ${String(timeout)})`;
  }
  if (flow !== undefined && typeof flow !== 'string') {
    return `the flow option must be the URL of a flow's JSON file (got ${flow === null ? 'null' : typeof flow})`;
  }
  // The server refuses a session without one, in words about its request body ("token: Invalid input").
  if (endpoint && !adapter && !token) {
    return 'the endpoint option needs the token option too: the JWT your server signed for this subscriber';
  }
  return undefined;
}

/** An element, or a selector that `matches()` accepts: a bad one would throw at every click and hover. */
export function checkTarget(target: Element | string): void {
  if (typeof target === 'string') {
    try {
      document.createDocumentFragment().querySelector(target);
    } catch {
      throw new SyntaxError(`cancelflow: attach('${target}'): not a valid CSS selector`);
    }
  } else if (!(target instanceof Element)) {
    throw new TypeError(`cancelflow: attach() takes an element or a CSS selector, not ${String(target)}`);
  }
}
