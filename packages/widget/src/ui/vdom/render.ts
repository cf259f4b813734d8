/**
 * The widget's renderer (see jsx-runtime.ts for why it has its own): turns elements into DOM and,
 * on each later render, changes only what differs. Function components (with the hooks of hooks.ts)
 * and class components (`Component`: state, `forceUpdate`, the mount, update, unmount and catch
 * lifecycle methods), fragments, keys, refs, DOM properties and attributes, and events. Renders a
 * component asks for are batched in a microtask, ancestors first. It does what the widget's views
 * need and no more: no SVG, no `style` objects, no context, no portals.
 */
import type { Child, Key, VNode } from './types.ts';

export interface RefObject<T> {
  current: T | null;
}
type Ref = RefObject<Node> | ((node: Node | null) => void) | null | undefined;
type Props = Record<string, unknown> & { children?: Child; ref?: Ref };
type Element_ = VNode<Props> | string;

interface Hook {
  value?: unknown;
  deps?: readonly unknown[];
  cleanup?: (() => void) | undefined;
  set?: (value: never) => void;
}

/** What one element, text or component rendered to, kept to diff the next render against. */
interface Rendered {
  /** The element (a string for text; the root's is ''). */
  v: Element_;
  parent: Rendered | undefined;
  depth: number;
  /** An element's or a text's DOM node (the container, for the root); none for a component. */
  dom?: Node;
  kids: Rendered[];
  comp?: Component<object, object>;
  hooks?: Hook[];
  dirty?: boolean;
  dead?: boolean;
}

export abstract class Component<P = object, S = object> {
  props: P;
  state = {} as S;
  /** @internal What this component rendered to. */
  rendered?: Rendered;
  constructor(props: P) {
    this.props = props;
  }
  setState(change: Partial<S>): void {
    this.state = { ...this.state, ...change };
    rerenderLater(this.rendered);
  }
  forceUpdate(): void {
    rerenderLater(this.rendered);
  }
  abstract render(props: P, state: S): Child;
  componentDidMount?(): void;
  componentDidUpdate?(): void;
  componentWillUnmount?(): void;
  componentDidCatch?(error: unknown): void;
}

export const createRef = <T>(): RefObject<T> => ({ current: null });

/** An element: what JSX compiles to (jsx-runtime.ts), and a view's way to make one in code. */
export const h = <P>(type: VNode<P>['type'], props: P, key?: Key): VNode<P> => ({ type, props, key });
export const Fragment = (props: { children?: Child }): Child => props.children;

/** Properties that must be set as attributes (a property would read back differently, or not exist). */
const ATTRIBUTES = new Set(['href', 'download', 'role', 'tabIndex', 'form', 'list', 'width', 'height']);

/** The lifecycle calls and effects of the render in progress, run once its DOM is in place. */
let after: (() => void)[] | undefined;

function commit(work: () => void): void {
  if (after) {
    work();
    return;
  }
  after = [];
  try {
    work();
  } finally {
    const calls = after;
    after = undefined;
    for (const call of calls) call();
  }
}

/** A component's lifecycle call, after the commit; what it throws goes to the nearest `componentDidCatch`. */
function later(r: Rendered, call: (() => void) | undefined): void {
  if (call) after?.push(() => guarded(r, call));
}

function guarded(r: Rendered, call: () => void): void {
  try {
    call();
  } catch (error) {
    crash(r, error);
  }
}

function crash(r: Rendered, error: unknown): void {
  for (let p = r.parent; p; p = p.parent) {
    if (p.comp?.componentDidCatch) {
      p.comp.componentDidCatch(error);
      return;
    }
  }
  throw error;
}

const dirty = new Set<Rendered>();

function rerenderLater(r: Rendered | undefined): void {
  if (!r || r.dead) return;
  r.dirty = true;
  dirty.add(r);
  if (dirty.size === 1) queueMicrotask(flush);
}

function flush(): void {
  const queued = [...dirty].sort((a, b) => a.depth - b.depth);
  dirty.clear();
  for (const r of queued) {
    // An ancestor's render has rendered it already, or removed it.
    if (!r.dirty || r.dead) continue;
    commit(() => {
      renderComponent(r);
      let host = r.parent as Rendered;
      while (!host.dom) host = host.parent as Rendered;
      place(host.dom, host.kids);
      later(r, r.comp?.componentDidUpdate?.bind(r.comp));
    });
  }
}

let rendering: Rendered | undefined;
let hookIndex = 0;

/** The current function component's next hook (hooks.ts), and a way to render that component again. */
export function nextHook(): [Hook, () => void] {
  const r = rendering as Rendered;
  r.hooks ??= [];
  const hook = r.hooks[hookIndex] ?? {};
  r.hooks[hookIndex++] = hook;
  return [hook, () => rerenderLater(r)];
}

/** Runs `call` once the render in progress is in the page (useEffect). */
export const afterRender = (call: () => void): void => {
  after?.push(call);
};

function renderComponent(r: Rendered): void {
  const { type, props } = r.v as VNode<Props>;
  r.dirty = false;
  let output: Child = null;
  try {
    if (r.comp) {
      output = r.comp.render(r.comp.props, r.comp.state);
    } else {
      rendering = r;
      hookIndex = 0;
      output = (type as (props: Props) => Child)(props);
    }
  } catch (error) {
    crash(r, error);
  } finally {
    rendering = undefined;
  }
  diffChildren(r, output);
}

const typeOf = (v: Element_) => (typeof v === 'string' ? '#text' : v.type);
const keyOf = (v: Element_): Key => (typeof v === 'string' ? undefined : v.key);

function flatten(children: Child, into: Element_[] = []): Element_[] {
  if (Array.isArray(children)) for (const child of children) flatten(child, into);
  else if (children != null && typeof children !== 'boolean') {
    into.push(typeof children === 'object' ? (children as VNode<Props>) : String(children));
  }
  return into;
}

/** Renders `children` under `parent`, reusing what it rendered before of the same type and key. */
function diffChildren(parent: Rendered, children: Child): void {
  const old: (Rendered | undefined)[] = parent.kids;
  parent.kids = flatten(children).map((v) => {
    const i = old.findIndex((o) => o && typeOf(o.v) === typeOf(v) && keyOf(o.v) === keyOf(v));
    const reused = old[i];
    if (!reused) return mount(v, parent);
    old[i] = undefined;
    update(reused, v);
    return reused;
  });
  for (const o of old) if (o) unmount(o, true);
}

function mount(v: Element_, parent: Rendered): Rendered {
  const r: Rendered = { v, parent, depth: parent.depth + 1, kids: [] };
  if (typeof v === 'string') {
    r.dom = document.createTextNode(v);
  } else if (typeof v.type === 'string') {
    const element = document.createElement(v.type);
    r.dom = element;
    setProps(element, {}, v.props);
    diffChildren(r, v.props.children);
    place(element, r.kids);
    setRef(v.props.ref, element);
  } else {
    if (v.type.prototype?.render) {
      r.comp = new (v.type as new (props: Props) => Component<object, object>)(v.props);
      r.comp.rendered = r;
    }
    renderComponent(r);
    later(r, r.comp?.componentDidMount?.bind(r.comp));
  }
  return r;
}

function update(r: Rendered, v: Element_): void {
  const before = r.v;
  r.v = v;
  if (typeof v === 'string') {
    if (v !== before) (r.dom as Text).data = v;
    return;
  }
  const old = (before as VNode<Props>).props;
  if (r.dom) {
    const element = r.dom as Element;
    setProps(element, old, v.props);
    diffChildren(r, v.props.children);
    place(element, r.kids);
    if (old.ref !== v.props.ref) {
      setRef(old.ref, null);
      setRef(v.props.ref, element);
    }
  } else {
    if (r.comp) r.comp.props = v.props;
    renderComponent(r);
    later(r, r.comp?.componentDidUpdate?.bind(r.comp));
  }
}

function unmount(r: Rendered, removeNode: boolean): void {
  r.dead = true;
  if (r.comp?.componentWillUnmount) guarded(r, r.comp.componentWillUnmount.bind(r.comp));
  for (const hook of r.hooks ?? []) hook.cleanup?.();
  if (typeof r.v !== 'string') setRef(r.v.props.ref, null);
  // Below a removed node, nothing needs removing.
  for (const kid of r.kids) unmount(kid, removeNode && !r.dom);
  if (removeNode) (r.dom as ChildNode | undefined)?.remove();
}

/** The DOM nodes of `kids`, in order, as `parent`'s children (moving only what is out of place). */
function place(parent: Node, kids: readonly Rendered[]): void {
  const nodes: Node[] = [];
  const collect = (r: Rendered): void => {
    if (r.dom) nodes.push(r.dom);
    else r.kids.forEach(collect);
  };
  kids.forEach(collect);
  nodes.forEach((node, i) => {
    const at = parent.childNodes[i] ?? null;
    if (at !== node) parent.insertBefore(node, at);
  });
}

function setRef(ref: Ref, node: Node | null): void {
  if (typeof ref === 'function') ref(node);
  else if (ref) ref.current = node;
}

type Listening = Element & { handlers?: Record<string, ((event: Event) => void) | undefined> };

function dispatch(this: Listening, event: Event): void {
  this.handlers?.[event.type]?.(event);
}

function setProps(element: Listening, old: Props, props: Props): void {
  for (const name in old) if (!(name in props)) setProp(element, name, undefined);
  for (const name in props) {
    const value = props[name];
    // A controlled input is compared with what it shows now (the subscriber may have changed it).
    const live = name === 'value' || name === 'checked';
    if (live ? value !== undefined && (element as never)[name] !== value : old[name] !== value) {
      setProp(element, name, value);
    }
  }
}

function setProp(element: Listening, name: string, value: unknown): void {
  if (name === 'children' || name === 'ref' || name === 'key') return;
  if (name.startsWith('on')) {
    const type = name.slice(2).toLowerCase();
    element.handlers ??= {};
    if (!(type in element.handlers)) element.addEventListener(type, dispatch);
    element.handlers[type] = value as (event: Event) => void;
  } else if (name in element && !ATTRIBUTES.has(name) && value != null) {
    (element as unknown as Record<string, unknown>)[name] = value;
  } else if (value == null || value === false) {
    element.removeAttribute(name);
  } else {
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** Renders `element` into `container` (`null` removes what was rendered there, running unmount calls). */
const roots = new WeakMap<Node, Rendered>();
export function render(element: Child, container: Element | ShadowRoot): void {
  let root = roots.get(container);
  if (!root) {
    root = { v: '', parent: undefined, depth: 0, dom: container, kids: [] };
    roots.set(container, root);
  }
  const r = root;
  commit(() => {
    diffChildren(r, element);
    place(container, r.kids);
  });
}
