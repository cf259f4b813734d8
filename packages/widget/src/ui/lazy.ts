import type { Translator } from '@cancelflow/core';
import { CODE_DEADLINE_MS, withDeadline } from '../deadline.ts';
import { loadOnce } from '../load-once.ts';
import { hasStrings, type LaterPart, loadStrings } from './translator.ts';
import type { Ui } from './types.ts';
import { Component, h } from './vdom/render.ts';
import type { FunctionComponent } from './vdom/types.ts';

interface Preloads {
  /** Fetches the view's code and the strings it shows (in `t`'s language); with `nested`, its nested views too. */
  readonly preload: (t: Translator, nested?: boolean) => Promise<unknown>;
}

export interface LazyView<P> extends Preloads {
  new (props: P): Component<P>;
}

/** A view as its chunk exports it; `nested`: the optional parts it shows that are lazy views of their own. */
export type LoadedView<P> = FunctionComponent<P> & { nested?: readonly Preloads[] };

/**
 * A view whose code arrives in its own chunk, shown once that code and the catalog `parts` it shows
 * are in. A survey-first screen needs none of them, so they stay out of the bytes fetched before the
 * modal is interactive, and are preloaded right after it is; a flow that opens on another step waits
 * for its view before the first render (index.tsx). `preload(t, true)` fetches, besides the view, the
 * optional parts it lists as `nested` (the confirm step's support links): App.tsx preloads the steps so
 * once the first screen is up, and nothing of theirs is left to fetch when a subscriber gets to them.
 * With `step` (its name in messages) the view is a step: if its chunk cannot load, rendering throws and
 * the crash guard fails open, and a subscriber who has reached it waits at most 10 s for it, then the
 * same happens: a stalled connection must not hold a cancel. Without `step` it is an optional part of
 * a step (support links, a status line): if it cannot load, it shows nothing, and the step stands
 * without it (the confirm step's terms and buttons must not go with its support links).
 */
export function lazyView<P extends { ui: Ui }>(
  load: () => Promise<LoadedView<P>>,
  { parts, step }: { parts: readonly LaterPart[]; step?: string },
): LazyView<P> {
  let view: LoadedView<P> | undefined;
  // A chunk that failed to load is tried again by a later preload or mount.
  const code = loadOnce(() =>
    load().then((loaded) => {
      view = loaded;
    }),
  );
  const preload = (t: Translator, nested?: boolean): Promise<unknown> =>
    Promise.all([
      code().then((): unknown => nested && Promise.all(view?.nested?.map((part) => part.preload(t, nested)) ?? [])),
      loadStrings(t, parts),
    ]);
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
      if (step && this.state.failure) throw this.state.failure;
      return view && ready(props) ? h(view, props) : null;
    }
  };
}
