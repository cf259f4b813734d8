import { Component } from '../../src/ui/vdom/render.ts';
import type { Child } from '../../src/ui/vdom/types.ts';

/** Catches what its children throw, as the widget's crash guard does, into `caught`. */
export class CrashGuard extends Component<{ caught: unknown[]; children: Child }> {
  override componentDidCatch(error: unknown) {
    this.props.caught.push(error);
  }
  render({ children }: { children: Child }) {
    return children;
  }
}
