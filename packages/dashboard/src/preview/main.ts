/**
 * The preview frame's page: runs the dashboard's draft in the real widget as a static flow (no server,
 * nothing posted), for the subscriber the picker describes. The dashboard sends one message per frame.
 */
import './preview.css';

interface PreviewMessage {
  readonly type: 'cancelflow-preview';
  readonly source: string;
  readonly subscriber: Record<string, unknown>;
  readonly locale?: string;
}

interface Widget {
  open(options: Record<string, unknown>): Promise<{ status: string }>;
}

// On a site the widget moves focus into its dialog when it opens, as it must. Here each change to the
// draft reloads this frame and opens the widget again, which would pull focus (and the keys typed next)
// out of the dashboard's editor: while the frame does not have focus, a focus() call leaves it where it is.
const focus = HTMLElement.prototype.focus;
HTMLElement.prototype.focus = function focusIfFrameFocused(this: HTMLElement, options?: FocusOptions) {
  if (document.hasFocus()) focus.call(this, options);
};

const status = document.getElementById('preview-status') as HTMLElement;
const again = document.getElementById('preview-open') as HTMLButtonElement;
let options: Record<string, unknown> | undefined;

const OUTCOMES: Record<string, string> = {
  saved: 'Saved: the subscriber took an offer.',
  cancelled: 'Cancelled: the site’s own cancel would run now.',
  abandoned: 'Closed without deciding.',
  error: 'The widget could not run this flow (it fails open: the site’s cancel would run).',
};

async function open(): Promise<void> {
  const widget = (window as unknown as { cancelflow?: Widget }).cancelflow;
  if (!options || !widget) return;
  again.hidden = true;
  status.textContent = 'The flow is open.';
  const outcome = await widget.open(options);
  status.textContent = OUTCOMES[outcome.status] ?? `Ended: ${outcome.status}.`;
  again.hidden = false;
}

again.addEventListener('click', () => void open());
addEventListener('message', (event: MessageEvent<PreviewMessage>) => {
  if (event.origin !== location.origin || event.data?.type !== 'cancelflow-preview') return;
  const flow = URL.createObjectURL(new Blob([event.data.source], { type: 'application/json' }));
  options = {
    flow,
    subscriber: event.data.subscriber,
    ...(event.data.locale ? { locale: event.data.locale } : {}),
    // The frame loads the widget anew for each preview: a slow machine must not make it fail open.
    timeout: 30_000,
    // What the server's flow shows after a decision (a static flow on a site ends there).
    endAtDecision: false,
  };
  void open();
});
parent.postMessage({ type: 'cancelflow-preview-ready' }, location.origin);
