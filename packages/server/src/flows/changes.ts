import { diffLines } from 'diff';

/** What a version changed against the one before it, for the versions list. */
export interface ChangeSummary {
  readonly linesAdded: number;
  readonly linesRemoved: number;
  /** The flow's top-level fields whose value differs (`steps`, `offers`, `policy`…), in the newer one's order. */
  readonly fields: readonly string[];
}

const parse = (source: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(source);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
};

/** `before` undefined: the first version, every line added. Both sources were validated JSON when stored. */
export function changeSummary(before: string | undefined, after: string): ChangeSummary {
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const part of diffLines(before ?? '', after)) {
    if (part.added) linesAdded += part.count;
    if (part.removed) linesRemoved += part.count;
  }
  const old = before === undefined ? {} : parse(before);
  const now = parse(after);
  const keys = [...Object.keys(now), ...Object.keys(old).filter((k) => !Object.hasOwn(now, k))];
  const fields = keys.filter((k) => k !== '$schema' && JSON.stringify(old[k]) !== JSON.stringify(now[k]));
  return { linesAdded, linesRemoved, fields };
}
