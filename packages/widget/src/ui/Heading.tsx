/** @jsxImportSource #vdom */
import { Component, createRef } from './vdom/render.ts';

export interface HeadingProps {
  readonly title: string;
  readonly description?: string | undefined;
}

/**
 * The step's heading and description, which label and describe the dialog. Each step mounts its
 * own, and focus moves to it, so a screen reader announces the new step. `preventScroll`: scrolling
 * it into view would lay out the new shadow tree at once, inside the click's task, instead of in the
 * frame that paints it (the dialog scrolls itself to the top on a new step, see App).
 */
export class Heading extends Component<HeadingProps> {
  private heading = createRef<HTMLHeadingElement>();

  override componentDidMount() {
    const heading = this.heading.current;
    // In a microtask: after the dialog's first render, once it is in the top layer (App shows it after
    // its children mounted), so that the focus lays the tree out once, as it will be painted, rather
    // than before the popover opens and again after.
    queueMicrotask(() => heading?.focus({ preventScroll: true }));
  }

  render({ title, description }: HeadingProps) {
    return (
      <>
        <h2 id="cf-title" ref={this.heading} tabIndex={-1}>
          {title}
        </h2>
        {description && <p id="cf-description">{description}</p>}
      </>
    );
  }
}
