/** Stripe's form-encoded parameters, parsed. */
export type Params = Record<string, unknown>;

/**
 * Stripe's form encoding (`a[b][0][c]=v`, as the SDK writes it) into nested objects and arrays.
 * Values stay strings, as Stripe receives them.
 */
export function parseForm(body: string): Params {
  const root: Params = {};
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const [rawKey = '', rawValue = ''] = pair.split('=');
    const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    const path = key.split(/[[\]]+/).filter((p, i) => p !== '' || i === 0);
    if (key.endsWith('[]')) path.push('');
    let node = root;
    for (const [i, part] of path.entries()) {
      const last = i === path.length - 1;
      const name = part === '' ? String(Object.keys(node).length) : part;
      if (last) {
        node[name] = value;
        continue;
      }
      node[name] ??= {};
      node = node[name] as Params;
    }
  }
  return arrays(root) as Params;
}

/** Objects whose keys are 0, 1, 2… become arrays. */
function arrays(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Params).map(([k, v]) => [k, arrays(v)] as const);
  const indexed = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return indexed ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}
