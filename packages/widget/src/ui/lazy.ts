import { Component, type FunctionComponent, h } from 'preact';
import { loadOnce } from '../load-once.ts';

export interface LazyView<P> {
  new (props: P): Component<P>;
  readonly preload: () => Promise<unknown>;
}

/**
 * A view whose code arrives in its own chunk. The first screen (survey or confirm) needs none of
 * them, so they stay out of the bytes fetched before the modal is interactive, and are preloaded
 * right after it is. If the chunk cannot load, rendering throws, and the crash guard fails open.
 */
export function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>): LazyView<P> {
  let view: FunctionComponent<P> | undefined;
  // A chunk that failed to load is tried again by a later render.
  const preload = loadOnce(() =>
    load().then((loaded) => {
      view = loaded;
    }),
  );
  return class Lazy extends Component<P, { failure?: unknown }> {
    static preload = preload;
    override componentDidMount() {
      if (!view)
        preload().then(
          () => this.forceUpdate(),
          (failure: unknown) => this.setState({ failure }),
        );
    }
    render(props: P) {
      if (this.state.failure) throw this.state.failure;
      return view ? h(view, props) : null;
    }
  };
}
