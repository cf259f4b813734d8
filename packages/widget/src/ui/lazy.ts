import type { Translator } from '@cancelflow/core';
import { Component, type FunctionComponent, h } from 'preact';
import { loadOnce } from '../load-once.ts';
import { hasStrings, type LaterPart, loadStrings } from './translator.ts';
import type { Ui } from './types.ts';

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
 * crash guard fails open.
 */
export function lazyView<P extends { ui: Ui }>(
  load: () => Promise<FunctionComponent<P>>,
  parts: readonly LaterPart[] = ['confirm', 'later'],
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
      if (!ready(this.props))
        preload(this.props.ui.t).then(
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
