/**
 * Intercepts the activation of cancel triggers (links, buttons, forms) so that the cancel flow can
 * run first, and hands back a `proceed` function that performs the trigger's own action afterwards.
 * Listeners sit on `window` in the capture phase, so they run before the site's own handlers and
 * before SPA routers, and they see triggers added to the page at any time.
 */

export interface Activation {
  readonly trigger: HTMLElement;
  /** Performs what the trigger would have done without us: navigate, submit, or replay the click. */
  readonly proceed: () => void;
}

export interface InterceptOptions {
  readonly isTrigger: (element: Element) => boolean;
  readonly onActivate: (activation: Activation) => void;
  /** Called when the subscriber shows intent (hover, touch, focus), to prefetch the UI. */
  readonly onIntent: () => void;
  /** Removes the listeners when aborted (the npm API's detach); the script tag's stay for the page's life. */
  readonly signal?: AbortSignal;
}

/** Elements that turn Enter or Space into a click by themselves. */
const NATIVELY_ACTIVATED = /^(A|BUTTON|INPUT|SUMMARY|SELECT|TEXTAREA)$/;

// While we replay a trigger's own action we must let the resulting events through.
let replaying = false;

function replay(action: () => void): void {
  replaying = true;
  try {
    action();
  } finally {
    replaying = false;
  }
}

/**
 * The trigger as the page has it now. An SPA may have rendered it again while the flow was open, and
 * the element the subscriber activated is then out of the page: a click on it reaches no handler the
 * site attached higher up, and a form out of the page is not submitted. Its stand-in is an identical
 * element in the page (same tag, attributes and content); without one, the element itself.
 */
export const inPage = <T extends Element>(trigger: T): T =>
  // Only an element out of the page says `false`: `document` is in it, and a bare EventTarget (an
  // open() outside a browser) has no such property; both are their own stand-in.
  trigger.isConnected !== false
    ? trigger
    : (([...document.getElementsByTagName(trigger.tagName)].find((other) => other.isEqualNode(trigger)) as T) ??
      trigger);

function clickThrough(activated: HTMLElement): void {
  const trigger = inPage(activated);
  // Out of the page with no stand-in: a link still navigates, by hand.
  if (!trigger.isConnected && trigger instanceof HTMLAnchorElement && trigger.href) {
    location.assign(trigger.href);
    return;
  }
  replay(() => trigger.click());
}

/**
 * Hover intent: with a touch screen, `pointerover`, which a touch fires too, before `pointerdown`.
 * Without one, `mouseover` (fired with it for a mouse or pen): a `pointerover` listener costs the
 * page's load about half a millisecond more in Chromium, for nothing a mouse needs.
 */
const hoverEvent = () => ('ontouchstart' in window ? 'pointerover' : 'mouseover');

/**
 * One listener for every event type, so that installing it compiles one tiny function at page load;
 * the handling below is compiled on the first event.
 */
export function interceptTriggers(options: InterceptOptions): void {
  const listener = (event: Event) => handle(event as Event & MouseEvent & KeyboardEvent & SubmitEvent, options);
  for (const type of ['click', 'submit', 'keydown', 'focusin', hoverEvent()]) {
    addEventListener(type, listener, { capture: true, signal: options.signal });
  }
}

function handle(event: Event & MouseEvent & KeyboardEvent & SubmitEvent, options: InterceptOptions): void {
  const { type } = event;
  if (replaying) return;
  // The trigger's own action is held back only once the flow has started: a page whose scripts broke
  // what ours need (a `Promise.prototype.then` that throws) makes onActivate throw, and the action runs.
  const intercept = (trigger: HTMLElement, proceed: () => void) => {
    options.onActivate({ trigger, proceed });
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  if (type === 'submit') {
    const form = event.target;
    const submitter = event.submitter;
    if (form instanceof HTMLFormElement && options.isTrigger(form)) {
      intercept(form, () =>
        replay(() => {
          const live = inPage(form);
          try {
            live.requestSubmit(submitter && inPage(submitter));
          } catch {
            live.requestSubmit(); // the submitter's stand-in is not one of this form's buttons
          }
        }),
      );
    }
    return;
  }
  let trigger: HTMLElement | undefined;
  for (const node of event.composedPath()) {
    if (node instanceof HTMLElement && options.isTrigger(node)) {
      trigger = node;
      break;
    }
  }
  if (!trigger) return;
  if (type !== 'click' && type !== 'keydown') {
    options.onIntent(); // hover, touch or focus
    return;
  }
  // A <form> trigger is handled at submit time, so that its fields and submitter still count.
  if (trigger instanceof HTMLFormElement) return;
  const passThrough =
    type === 'click'
      ? event.button !== 0 ||
        trigger.matches(':disabled') ||
        // Ctrl/Cmd/Shift/Alt-click on a link means "open elsewhere"; that is not a cancel.
        (trigger instanceof HTMLAnchorElement && (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey))
      : (event.key !== 'Enter' && event.key !== ' ') || NATIVELY_ACTIVATED.test(trigger.tagName);
  if (!passThrough) intercept(trigger, () => clickThrough(trigger));
}
