/**
 * The JSX of the widget's views (`jsxImportSource` is `#vdom`): an element is a plain object that
 * render.ts turns into DOM. The widget's own renderer, not Preact's, because the bytes before the
 * first screen are budgeted (docs/benchmarks.md): Preact cost 4.4 KB gzip of that budget, this about
 * 1.2 KB. The HTML attributes' types are Preact's (a dev dependency: types only, no code).
 */
import type { JSX as PreactJSX } from 'preact';
import type { Child, ComponentClass, FunctionComponent, Key, VNode } from './types.ts';

export { Fragment, h as jsx, h as jsxDEV, h as jsxs } from './render.ts';
export type { Child, ComponentChildren, FunctionComponent, VNode } from './types.ts';

// TypeScript finds the JSX types in a namespace of this name.
export declare namespace JSX {
  type Element = VNode;
  // biome-ignore lint/suspicious/noExplicitAny: whatever props a component takes
  type ElementType = keyof IntrinsicElements | FunctionComponent<any> | ComponentClass<any>;
  interface ElementClass {
    // biome-ignore lint/suspicious/noExplicitAny: any class component
    render(props: any, state: any): Child;
  }
  interface ElementAttributesProperty {
    props: object;
  }
  interface ElementChildrenAttribute {
    children: object;
  }
  interface IntrinsicAttributes {
    key?: Key;
  }
  interface IntrinsicElements extends PreactJSX.IntrinsicElements {}
}
