import * as z from 'zod/mini';
import { FlowConfig } from '../config/flow.ts';
import { issueMessage } from './issue-messages.ts';
import { formatPath, type PathSegment } from './problems.ts';
import type { Report } from './report.ts';
import { isText, knownFields, schemaAt, unwrap } from './schema-walk.ts';
import { describeValue, didYouMean, listOf } from './words.ts';

type Issue = z.core.$ZodIssue;

/** Checks the config's shape against the zod schema; returns the parsed config when it fits. */
export function checkShape(value: Record<string, unknown>, report: Report): FlowConfig | undefined {
  const result = z.safeParse(FlowConfig, value, { error: issueMessage, reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) emit(issue, [], value, report);
  return undefined;
}

function segments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

function emit(issue: Issue, base: readonly PathSegment[], root: Record<string, unknown>, report: Report): void {
  const path = [...base, ...segments(issue.path)];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const parent = valueAt(root, path);
      const known = knownFields(schemaAt(FlowConfig, root, path), parent);
      const where = path.length === 0 ? 'a flow' : formatPath(path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known);
        const list = hint === '' && known.length > 0 ? `; the fields are ${listOf(known)}` : '';
        report.error([...path, key], `is not a field of ${where}${hint}${list}`, { at: 'key' });
      }
      return;
    }
    case 'invalid_key':
      for (const inner of issue.issues) report.error(path, `is not a valid key: ${inner.message}`, { at: 'key' });
      return;
    case 'invalid_union':
      if (issue.discriminator !== undefined || issue.errors.length === 0) report.error(path, issue.message);
      else emitUnion(issue.errors, path, root, report);
      return;
    case 'invalid_type': {
      const example = issue.expected === 'object' ? objectExample(path, root) : undefined;
      // "must be an object such as { … }, not the number 5": the error map's words, with the example.
      report.error(path, example ? issue.message.replace('an object', `an object such as ${example}`) : issue.message);
      return;
    }
    default:
      report.error(path, issue.message);
  }
}

/**
 * The schema's own example of the object a field holds, on one line (`{ "amount": 9.99, "currency": "USD" }`):
 * "must be an object" alone does not say which fields, and `"amountOff": 5` is a natural guess.
 */
function objectExample(path: readonly PathSegment[], root: Record<string, unknown>): string | undefined {
  const schema = schemaAt(FlowConfig, root, path);
  const examples: unknown = schema ? z.globalRegistry.get(unwrap(schema))?.examples : undefined;
  if (!Array.isArray(examples)) return undefined;
  const example = examples.find((value) => typeof value === 'object' && value !== null && !Array.isArray(value));
  return example === undefined ? undefined : JSON.stringify(example, null, 1).replace(/\n\s*/g, ' ');
}

/**
 * A value fits none of a union's options. If one option got further into the value than the others
 * (a text object with one bad entry), its complaints are the useful ones; if all failed at the value
 * itself, say what the value may be.
 */
function emitUnion(
  branches: readonly (readonly Issue[])[],
  path: readonly PathSegment[],
  root: Record<string, unknown>,
  report: Report,
): void {
  const depth = (branch: readonly Issue[]) => Math.max(...branch.map((issue) => issue.path.length));
  const deepest = [...branches].sort((a, b) => depth(b) - depth(a))[0] ?? [];
  if (depth(deepest) > 0) {
    for (const issue of deepest) emit(issue, path, root, report);
    return;
  }
  const value = valueAt(root, path);
  const schema = schemaAt(FlowConfig, root, path);
  if (schema && isText(schema)) {
    const detail =
      typeof value === 'string'
        ? 'must not be empty'
        : `must be text: a string, or an object with one string per locale such as {"en": "…"}, not ${describeValue(value)}`;
    report.error(path, detail);
    return;
  }
  const invalidTypes = branches.flat().filter((issue) => issue.code === 'invalid_type');
  if (invalidTypes.length === branches.flat().length) {
    const names = [...new Set(invalidTypes.map((issue) => issue.message.replace(/^must be (.*), not .*$/, '$1')))];
    report.error(path, `must be ${names.join(' or ')}, not ${describeValue(value)}`);
    return;
  }
  for (const issue of deepest) emit(issue, path, root, report);
}
