/** The types of the widget's elements and components (see jsx-runtime.ts and render.ts). */

export type Key = string | number | null | undefined;

export interface VNode<P = Record<string, unknown>> {
  // biome-ignore lint/suspicious/noExplicitAny: an element's type takes the props it was written with
  readonly type: string | FunctionComponent<any> | ComponentClass<any>;
  readonly props: P;
  readonly key: Key;
}

export type Child = VNode | string | number | boolean | null | undefined | readonly Child[];
export type ComponentChildren = Child;
export type FunctionComponent<P = object> = (props: P) => Child;
/** A class component's shape (render.ts's `Component`). */
// biome-ignore lint/suspicious/noExplicitAny: a class component's state is its own
export type ComponentClass<P = object> = new (props: P) => { render(props: P, state: any): Child };
