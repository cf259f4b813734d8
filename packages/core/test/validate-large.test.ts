import { type Node, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { SourceMap } from '../src/validate/source-map.ts';
import { closest } from '../src/validate/words.ts';

/** Counts the reads of an object node's properties (its `children` entries) while `run` locates. */
function countReads(node: Node, run: () => void): number {
  let reads = 0;
  const writable = node as { children?: Node[] };
  const children = node.children ?? [];
  writable.children = new Proxy(children, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  run();
  writable.children = children;
  return reads;
}

// A flow of 30,000 unknown keys (900 KB, under the 1 MB limit) took 20 s to validate: each problem's
// position scanned the object's properties anew, n² in all — the server's publish blocked that long,
// and the dashboard's editor on every keystroke. Counted in property reads, not in time.
describe('locating problems in a large source', () => {
  const keys = Array.from({ length: 3000 }, (_, i) => `k${i}`);
  const source = `{\n${keys.map((k) => `  "${k}": ${JSON.stringify({ v: k })}`).join(',\n')},\n  "k1": "again"\n}`;
  const tree = parseTree(source) as Node;

  it('reads each object property once, however many problems it locates', () => {
    const map = new SourceMap(source, tree);
    const positions: number[] = [];
    const reads = countReads(tree, () => {
      for (const key of keys) positions.push(map.locate([key, 'v']).line);
    });
    expect(positions).toEqual(keys.map((_, i) => i + 2));
    expect(reads).toBeLessThanOrEqual(2 * (keys.length + 1));
  });

  it('finds what jsonc-parser finds: the first of duplicate keys, array items, the nearest parent of a missing one', () => {
    const map = new SourceMap(source, tree);
    expect(map.locate(['k1'])).toEqual({ line: 3, column: 9 });
    expect(map.locate(['k1'], 'key')).toEqual({ line: 3, column: 3 });
    expect(map.locate(['k7', 'missing'])).toEqual(map.locate(['k7']));
    expect(map.locate(['k7', 0])).toEqual(map.locate(['k7']));
    const array = new SourceMap('[1,\n [2, 3]]', parseTree('[1,\n [2, 3]]'));
    expect(array.locate([1, 1])).toEqual({ line: 2, column: 6 });
    expect(array.locate([5])).toEqual({ line: 1, column: 1 });
    expect(array.locate(['x'])).toEqual({ line: 1, column: 1 });
  });

  it('a did-you-mean skips candidates whose length alone rules them out, with the same answers', () => {
    expect(closest('ofers', ['offers', 'steps'])).toBe('offers');
    expect(closest('step', ['offers', 'steps'])).toBe('steps');
    expect(closest('stesp', ['offers', 'steps'])).toBeUndefined(); // two edits: too far for five letters
    expect(closest('y'.repeat(900_000), ['offers', 'steps'])).toBeUndefined();
  });
});
