import type { Node } from 'jsonc-parser';
import type { PathSegment } from './problems.ts';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Turns offsets and config paths into the line and column an editor shows. */
export class SourceMap {
  readonly #lineStarts: number[] = [0];
  readonly tree: Node | undefined;
  /**
   * Each object's values by key, built on the first lookup in it. jsonc-parser's findNodeAtLocation
   * scans an object's properties at every lookup, so locating a problem for each of 30,000 unknown
   * keys took 20 s (in the server's publish, and on every keystroke in the dashboard's editor).
   */
  readonly #keys = new WeakMap<Node, Map<string, Node>>();

  constructor(source: string, tree?: Node) {
    this.tree = tree;
    for (let i = 0; i < source.length; i++) {
      if (source.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.#lineStarts[low] ?? 0) + 1 };
  }

  /**
   * The value at `path` (or its key, for problems about the key itself). A missing field has no
   * position of its own, so it gets its nearest existing parent's.
   */
  locate(path: readonly PathSegment[], at: 'value' | 'key' = 'value'): Position {
    if (!this.tree) return { line: 1, column: 1 };
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.#find(path.slice(0, depth));
      if (!node) continue;
      const key = depth === path.length && at === 'key' ? keyNode(node) : undefined;
      return this.position((key ?? node).offset);
    }
    return this.position(this.tree.offset);
  }

  /** The node at `path`, as jsonc-parser's findNodeAtLocation finds it (the first of duplicate keys). */
  #find(path: readonly PathSegment[]): Node | undefined {
    let node = this.tree;
    for (const segment of path) {
      if (node === undefined) return undefined;
      if (typeof segment === 'number') {
        node = node.type === 'array' ? node.children?.[segment] : undefined;
        continue;
      }
      if (node.type !== 'object') return undefined;
      let keys = this.#keys.get(node);
      if (!keys) {
        keys = new Map();
        for (const property of node.children ?? []) {
          const [key, value] = property.children ?? [];
          if (property.children?.length === 2 && key && value && typeof key.value === 'string' && !keys.has(key.value))
            keys.set(key.value, value);
        }
        this.#keys.set(node, keys);
      }
      node = keys.get(segment);
    }
    return node;
  }
}

function keyNode(value: Node): Node | undefined {
  const property = value.parent;
  return property?.type === 'property' ? property.children?.[0] : undefined;
}
