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
  /** Called when the subscriber shows intent (hover or touch: `pointerover`; focus), to prefetch the UI. */
  readonly onIntent?: () => void;
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

function clickThrough(trigger: HTMLElement): void {
  // A re-rendered SPA may have removed the link while the flow was open: navigate by hand.
  if (!trigger.isConnected && trigger instanceof HTMLAnchorElement && trigger.href) {
    location.assign(trigger.href);
    return;
  }
  replay(() => trigger.click());
}

export function interceptTriggers({ isTrigger, onActivate, onIntent, signal }: InterceptOptions): void {
  const findTrigger = (event: Event): HTMLElement | undefined => {
    for (const node of event.composedPath()) {
      if (node instanceof HTMLElement && isTrigger(node)) return node;
    }
    return undefined;
  };

  const intercept = (event: Event, trigger: HTMLElement, proceed: () => void) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    onActivate({ trigger, proceed });
  };

  const onClick = (event: MouseEvent) => {
    if (replaying || event.button !== 0) return;
    const trigger = findTrigger(event);
    // A <form> trigger is handled at submit time, so that its fields and submitter still count.
    if (!trigger || trigger instanceof HTMLFormElement) return;
    if (trigger.matches(':disabled')) return;
    // Ctrl/Cmd/Shift/Alt-click on a link means "open elsewhere"; that is not a cancel.
    if (trigger instanceof HTMLAnchorElement && (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) {
      return;
    }
    intercept(event, trigger, () => clickThrough(trigger));
  };

  const onSubmit = (event: SubmitEvent) => {
    if (replaying) return;
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !isTrigger(form)) return;
    const submitter = event.submitter;
    intercept(event, form, () => replay(() => form.requestSubmit(submitter)));
  };

  const onKeydown = (event: KeyboardEvent) => {
    if (replaying || (event.key !== 'Enter' && event.key !== ' ')) return;
    const trigger = findTrigger(event);
    if (!trigger || trigger instanceof HTMLFormElement || NATIVELY_ACTIVATED.test(trigger.tagName)) return;
    intercept(event, trigger, () => clickThrough(trigger));
  };

  const onHint = (event: Event) => {
    if (onIntent && findTrigger(event)) onIntent();
  };

  const listeners: [string, EventListener][] = [
    ['click', onClick as EventListener],
    ['submit', onSubmit as EventListener],
    ['keydown', onKeydown as EventListener],
    ['pointerover', onHint],
    // A touch fires pointerover too, before pointerdown.
    ['focusin', onHint],
  ];
  for (const [type, listener] of listeners) addEventListener(type, listener, { capture: true, signal });
}
