import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { type EditorView, hoverTooltip, type Tooltip } from '@codemirror/view';
import type { SyntaxNode } from '@lezer/common';
import { type JsonPath, keyOf, pathOf, typeOf } from './json-path.ts';
import { descriptionOf, fieldsOf, type SchemaNode, schemaAt, typeName, valuesOf } from './schema-lookup.ts';

/** The whole document's tree: a busy machine must not leave the parse short of the cursor (a flow is small). */
const treeOf = (state: EditorState) => ensureSyntaxTree(state, state.doc.length, 500) ?? syntaxTree(state);

/** The objects from the root down to `object`, so each level's `type` can pick its union branch. */
function objectsAbove(object: SyntaxNode): SyntaxNode[] {
  const objects: SyntaxNode[] = [];
  for (let n: SyntaxNode | null = object; n; n = n.parent) if (n.name === 'Object') objects.unshift(n);
  return objects;
}

/** Schema branches for the value at `valueNode` (an Object, Array or scalar), reading `type` fields on the way. */
function branchesFor(state: EditorState, schema: SchemaNode, valueNode: SyntaxNode, path: JsonPath): SchemaNode[] {
  // Each path segment moves one value deeper; an object's depth is the length of its own path.
  const types = new Map<number, string | undefined>();
  for (const object of objectsAbove(valueNode)) types.set(pathOf(state, object).length, typeOf(state, object));
  return schemaAt(schema, path, (depth) => types.get(depth));
}

/** The enclosing object of a position where a key is being typed, and the text typed so far. */
function keyContext(node: SyntaxNode): { object: SyntaxNode; from: number } | undefined {
  if (node.name === 'Object') return { object: node, from: -1 };
  if (node.name === 'PropertyName' && node.parent?.parent?.name === 'Object') {
    return { object: node.parent.parent, from: node.from };
  }
  if (node.name === '⚠' && node.parent?.name === 'Object') return { object: node.parent, from: node.from };
  if (node.name === 'String' && node.parent?.name === 'Object') return { object: node.parent, from: node.from };
  return undefined;
}

/**
 * Completion of a flow's field names and enum values, with the schema's descriptions as their info.
 * `load`: the schema, a chunk of its own (create-editor.ts); undefined if it could not be fetched.
 */
export function schemaCompletion(load: Promise<SchemaNode | undefined>) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const schema = await load;
    if (!schema) return null;
    const { state, pos } = context;
    const node = treeOf(state).resolveInner(pos, -1);
    const key = keyContext(node);
    if (key) {
      const quoted = key.from >= 0 && state.sliceDoc(key.from, key.from + 1) === '"';
      const word = context.matchBefore(/[\w$-]*/);
      if (!quoted && key.from < 0 && !context.explicit && (!word || word.from === word.to)) return null;
      // Inside a quoted name the typed text after the quote is what completes; the closing quote is kept.
      const from = quoted ? key.from + 1 : key.from >= 0 ? key.from : (word?.from ?? pos);
      const path = pathOf(state, key.object);
      const present = new Set<string>();
      for (let p = key.object.getChild('Property'); p; p = p.nextSibling) {
        const name = p.getChild('PropertyName');
        if (name && name.from !== key.from) present.add(keyOf(state, name));
      }
      // Where the name ends and whether a colon follows are read when the completion is applied: the
      // text may have grown since this list was made.
      const apply = (name: string) => (view: EditorView, _c: Completion, applyFrom: number, to: number) => {
        const rest = view.state.sliceDoc(to, to + 100);
        const end = to + (/^[\w$-]*"?/.exec(rest)?.[0].length ?? 0);
        const colon = /^\s*:/.test(view.state.sliceDoc(end, end + 20));
        const insert = `${quoted ? '' : '"'}${name}"${colon ? '' : ': '}`;
        view.dispatch({
          changes: { from: applyFrom, to: end, insert },
          selection: { anchor: applyFrom + insert.length },
        });
      };
      const options: Completion[] = fieldsOf(branchesFor(state, schema, key.object, path))
        .filter((f) => !present.has(f.key))
        .map((f) => ({
          label: f.key,
          type: 'property',
          ...(f.type ? { detail: f.type } : {}),
          ...(f.description ? { info: f.description } : {}),
          apply: apply(f.key),
        }));
      // Matched against the text typed so far (from…cursor); applying replaces through the closing quote.
      return { from, options, validFor: /^[\w$-]*$/ };
    }
    const property = node.name === 'Property' ? node : node.parent?.name === 'Property' ? node.parent : undefined;
    if (!property || node.name === 'PropertyName') return null;
    const value = node.name === 'Property' ? undefined : node;
    const name = property.getChild('PropertyName');
    if (!name) return null;
    const path = [...pathOf(state, property.parent ?? property), keyOf(state, name)];
    const values = valuesOf(branchesFor(state, schema, property.parent ?? property, path));
    if (values.length === 0) return null;
    return {
      from: value?.from ?? pos,
      to: value?.to ?? pos,
      options: values.map((v) => ({ label: JSON.stringify(v), type: 'enum' })),
      // Every allowed value is offered, whatever the value typed so far (it is usually a whole one).
      filter: false,
    };
  };
}

/** Hovering a field name shows its type and the schema's description of it (`load` as above). */
export function schemaHover(load: Promise<SchemaNode | undefined>) {
  return hoverTooltip(async (view, pos, side): Promise<Tooltip | null> => {
    const schema = await load;
    if (!schema) return null;
    const { state } = view;
    const node = treeOf(state).resolveInner(pos, side);
    if (node.name !== 'PropertyName' || !node.parent) return null;
    const property = node.parent;
    const object = property.parent;
    if (!object) return null;
    const path = [...pathOf(state, object), keyOf(state, node)];
    const nodes = branchesFor(state, schema, object, path);
    const description = descriptionOf(nodes);
    const type = nodes[0] ? typeName({ anyOf: nodes }) : undefined;
    if (!description && !type) return null;
    return {
      pos: node.from,
      end: node.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-schema-help';
        const head = document.createElement('strong');
        head.textContent = `${keyOf(state, node)}${type ? `: ${type}` : ''}`;
        dom.append(head);
        if (description) {
          const text = document.createElement('p');
          text.textContent = description;
          dom.append(text);
        }
        return { dom };
      },
    };
  });
}
