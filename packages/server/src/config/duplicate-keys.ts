/** A key given twice in one object, where `path` leads to that object (`[0]`, `[0].billing`). */
export interface DuplicateKey {
  readonly path: readonly (string | number)[];
  readonly key: string;
  readonly line: number;
  readonly firstLine: number;
}

/**
 * The first key given twice in one object of `source`, which must be valid JSON (JSON.parse accepted
 * it, keeping the last value). core's validator reports these in flow files, but its parser is not
 * exported and takes objects only; a sites file is an array, so this small scan does the same for it.
 */
export function firstDuplicateKey(source: string): DuplicateKey | undefined {
  // One frame per open object or array: the keys seen (objects), and where in it the scan is.
  const stack: { keys?: Map<string, number>; key?: string; index: number; expectKey: boolean }[] = [];
  let line = 1;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    const top = stack.at(-1);
    if (ch === '\n') line++;
    else if (ch === '{') stack.push({ keys: new Map(), index: 0, expectKey: true });
    else if (ch === '[') stack.push({ index: 0, expectKey: false });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',' && top) {
      top.index++;
      top.expectKey = top.keys !== undefined;
    } else if (ch === '"') {
      let end = i + 1;
      while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(source.slice(i, end + 1)) as string;
        const firstLine = top.keys.get(key);
        if (firstLine !== undefined) {
          const path = stack.slice(0, -1).map((frame) => (frame.keys ? (frame.key ?? '') : frame.index));
          return { path, key, line, firstLine };
        }
        top.keys.set(key, line);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
