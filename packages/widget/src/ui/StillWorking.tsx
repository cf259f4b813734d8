/** @jsxImportSource #vdom */
import { addStyles } from './shadow.ts';
import css from './still-working.css?inline';
import type { Ui } from './types.ts';
import { Component } from './vdom/render.ts';

/**
 * While a decision is in flight: a polite live region, empty until the engine marks the decision
 * `slow` (3 s without the server's answer), then saying that it is still being made — or, with the
 * browser offline, that it waits for the connection (the HTTP adapter waits for it, up to 15 s). It is
 * in the page from the moment the decision starts, so that screen readers announce the text when it
 * comes, and goes with the answer. It follows the browser going off- and online meanwhile.
 */
class Line extends Component<{ ui: Ui }> {
  private update = () => this.forceUpdate();
  override componentDidMount() {
    addEventListener('online', this.update);
    addEventListener('offline', this.update);
  }
  override componentWillUnmount() {
    removeEventListener('online', this.update);
    removeEventListener('offline', this.update);
  }
  render({ ui: { engine, t } }: { ui: Ui }) {
    return (
      <p class="slow" role="status" lang={t.lang}>
        {engine.state.peek().slow && t.t(navigator.onLine ? 'busy.slow' : 'busy.offline')}
      </p>
    );
  }
}

export function StillWorking({ ui }: { readonly ui: Ui }) {
  addStyles(css);
  return <Line ui={ui} />;
}
