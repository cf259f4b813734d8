import type { Translator } from '@cancelflow/core';
import { CODE_DEADLINE_MS, withDeadline } from '../deadline.ts';
import { loadOnce } from '../load-once.ts';
import { hasStrings, type LaterPart, loadStrings } from './translator.ts';
import type { Ui } from './types.ts';
import { Component, h } from './vdom/render.ts';
import type { FunctionComponent } from './vdom/types.ts';

export interface LazyView<P> {
  new (props: P): Component<P>;
  /** Fetches the view's code and the strings it shows (in `t`'s language). */
  readonly preload: (t: Translator) => Promise<unknown>;
}

/**
 * A view whose code arrives in its own chunk, shown once that code and the catalog `parts` it shows
 * are in. A survey-first screen needs none of them, so they stay out of the bytes fetched before the
 * modal is interactive, and are preloaded right after it is; a flow that opens on another step waits
 * for its view before the first render (index.tsx). If the chunk cannot load, rendering throws, and the
 * crash guard fails open. With `step` (its name in messages), a subscriber who has reached the view
 * waits at most 10 s for it, then the same happens: a stalled connection must not hold a cancel.
 */
export function lazyView<P extends { ui: Ui }>(
  load: () => Promise<FunctionComponent<P>>,
  { parts, step }: { parts: readonly LaterPart[]; step?: string },
): LazyView<P> {
  let view: FunctionComponent<P> | undefined;
  // A chunk that failed to load is tried again by a later render.
  const code = loadOnce(() =>
    load().then((loaded) => {
      view = loaded;
    }),
  );
  const preload = (t: Translator) => Promise.all([code(), loadStrings(t, parts)]);
  const ready = (props: P) => view !== undefined && hasStrings(props.ui.t, parts);
  return class Lazy extends Component<P, { failure?: unknown }> {
    static preload = preload;
    override componentDidMount() {
      if (ready(this.props)) return;
      const loading = preload(this.props.ui.t);
      (step ? withDeadline(loading, CODE_DEADLINE_MS, `the ${step} step's code`) : loading).then(
        () => this.forceUpdate(),
        (failure: unknown) => this.setState({ failure }),
      );
    }
    render(props: P) {
      if (this.state.failure) throw this.state.failure;
      return view && ready(props) ? h(view, props) : null;
    }
  };
}
