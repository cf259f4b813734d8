import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';

export type JsonPath = (string | number)[];

const VALUE_NODES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

/** A PropertyName's key: its JSON string decoded, or its raw text when it is not (yet) valid. */
export function keyOf(state: EditorState, name: SyntaxNode): string {
  const text = state.sliceDoc(name.from, name.to);
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.replace(/^"|"$/g, '');
  }
}

/** The key of a Property node, if it has a name yet. */
export function propertyKey(state: EditorState, property: SyntaxNode): string | undefined {
  const name = property.getChild('PropertyName');
  return name ? keyOf(state, name) : undefined;
}

/**
 * The JSON path of the value `node` is (or is inside of): `['steps', 2, 'reasons']`. Walks up the
 * syntax tree: a Property adds its key, an Array the index of the element the walk came from.
 */
export function pathOf(state: EditorState, node: SyntaxNode): JsonPath {
  const path: JsonPath = [];
  let child: SyntaxNode = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.name === 'Property' && child.name !== 'PropertyName') {
      const key = propertyKey(state, parent);
      if (key !== undefined) path.unshift(key);
    } else if (parent.name === 'Array') {
      let index = 0;
      for (let c = parent.firstChild; c && c.from < child.from; c = c.nextSibling) {
        if (VALUE_NODES.has(c.name)) index++;
      }
      path.unshift(index);
    }
  }
  return path;
}

/** The string value of an object's `type` property, which picks the variant of a union (step, offer). */
export function typeOf(state: EditorState, object: SyntaxNode): string | undefined {
  for (let p = object.getChild('Property'); p; p = p.nextSibling) {
    if (p.name !== 'Property' || propertyKey(state, p) !== 'type') continue;
    const value = p.lastChild;
    if (value?.name === 'String') return keyOf(state, value);
  }
  return undefined;
}
