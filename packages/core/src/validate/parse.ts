import { getLocation, getNodeValue, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { PathSegment } from './problems.ts';
import { Report } from './report.ts';
import { SourceMap } from './source-map.ts';

/** A flow config is a few kilobytes; past this it is not a flow config (and would stall an editor). */
export const MAX_SOURCE_LENGTH = 1_000_000;

/**
 * Deeper than any flow config nests (its deepest part, a custom offer's `data`, sits 5 levels down;
 * the server refuses request bodies past the same depth). jsonc-parser, the duplicate-key walk and zod
 * all recurse, so a few thousand `[` within the 1 MB overflowed the stack: a RangeError in the CLI,
 * a 500 from the server's publish, a dead linter in the dashboard's editor.
 */
export const MAX_NESTING = 32;

type ParseErrorName = ReturnType<typeof printParseErrorCode>;

const SYNTAX_MESSAGES: Record<ParseErrorName, string> = {
  InvalidSymbol: 'is not valid JSON here',
  InvalidNumberFormat: 'is not a valid JSON number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between two items',
  CloseBraceExpected: 'expected "}": an object is not closed',
  CloseBracketExpected: 'expected "]": an array is not closed',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed: a flow config is plain JSON',
  UnexpectedEndOfComment: 'comments are not allowed: a flow config is plain JSON',
  UnexpectedEndOfString: 'a string is not closed (or holds a raw line break; write \\n)',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'invalid \\u escape: it needs four hex digits',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'control characters in strings must be escaped',
  '<unknown ParseErrorCode>': 'is not valid JSON',
};

/** Errors jsonc-parser recovers from exactly, so every one of them is worth reporting. */
const RECOVERABLE = new Set<ParseErrorName>(['InvalidCommentToken', 'UnexpectedEndOfComment']);

export interface ParsedSource {
  /** Holds the syntax problems, and locates later ones. */
  readonly report: Report;
  /** Present when the source is syntactically valid JSON with an object at the top. */
  readonly value?: Record<string, unknown>;
}

/**
 * Parses strict JSON with positions. Comments, trailing commas and duplicate keys are reported
 * (JSON.parse would reject the first two and silently keep the last duplicate).
 */
export function parseSource(source: string): ParsedSource {
  if (source.length > MAX_SOURCE_LENGTH) {
    const report = new Report(new SourceMap(''));
    // Whole-file messages complete "(root)" like the others; the caller prints the file's name before it.
    report.error([], `is larger than 1 MB (${source.length} characters); a flow config is a few KB`);
    return { report };
  }
  if (source.trim() === '') {
    const report = new Report(new SourceMap(''));
    report.error([], 'is empty; expected a JSON object with a flow config');
    return { report };
  }
  const tooDeep = offsetPastNesting(source, MAX_NESTING);
  if (tooDeep !== undefined) {
    const report = new Report(new SourceMap(source));
    report.add(
      [],
      `nests objects and arrays deeper than ${MAX_NESTING} levels; a flow config nests a few`,
      'error',
      report.map.position(tooDeep),
      'syntax',
    );
    return { report };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false });
  const report = new Report(new SourceMap(source, tree));
  if (errors.length > 0) {
    reportSyntax(source, errors, report);
    return { report };
  }
  if (tree?.type !== 'object') {
    const what = tree?.type === 'array' ? 'an array' : `a ${tree?.type ?? 'value'}`;
    report.error([], `must be a JSON object with a flow config (with "id", "steps", …), not ${what}`);
    return { report };
  }
  reportDuplicateKeys(tree, report);
  return { report, value: getNodeValue(tree) as Record<string, unknown> };
}

function reportSyntax(source: string, errors: readonly ParseError[], report: Report): void {
  const reported = new Set<number>();
  for (const error of errors) {
    if (reported.has(error.offset)) continue;
    reported.add(error.offset);
    const name = printParseErrorCode(error.error);
    const comma = trailingCommaBefore(source, error.offset);
    const offset = comma ?? error.offset;
    const path = getLocation(source, offset).path.filter((segment) => segment !== '');
    let message =
      comma === undefined ? SYNTAX_MESSAGES[name] : 'trailing comma: JSON allows no "," after the last item';
    if (name === 'InvalidSymbol' && source[error.offset] === "'") message = 'strings and keys need double quotes (")';
    else if (name === 'InvalidSymbol')
      message = `${JSON.stringify(source.slice(error.offset, error.offset + Math.min(error.length, 20)))} ${message}`;
    report.add(path, message, 'error', report.map.position(offset), 'syntax');
    // After anything but a comment or a trailing comma, the parser's further complaints are echoes.
    if (comma === undefined && !RECOVERABLE.has(name)) return;
  }
}

/**
 * The offset of the first `{` or `[` that opens level `max + 1`, outside strings; undefined when the
 * text never nests that deep. One pass over the text, no recursion: it runs before anything that recurses.
 */
function offsetPastNesting(source: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const char = source.charCodeAt(i);
    if (inString) {
      if (char === 92 /* backslash */) i++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 /* { */ || char === 91 /* [ */) {
      depth++;
      if (depth > max) return i;
    } else if (char === 125 /* } */ || char === 93 /* ] */) depth--;
  }
  return undefined;
}

/** The offset of a "," that directly precedes the closing bracket at `offset`, if that is what went wrong. */
function trailingCommaBefore(source: string, offset: number): number | undefined {
  const closer = source[offset];
  if (closer !== '}' && closer !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(source[i] ?? '')) i--;
  return source[i] === ',' ? i : undefined;
}

function reportDuplicateKeys(node: Node, report: Report, path: PathSegment[] = []): void {
  const map = report.map;
  if (node.type === 'object') {
    const firstLine = new Map<string, number>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || typeof key.value !== 'string') continue;
      const line = firstLine.get(key.value);
      if (line === undefined) firstLine.set(key.value, map.position(key.offset).line);
      else
        report.add(
          [...path, key.value],
          `is given twice (first on line ${line}); JSON keeps only the last one, so remove one`,
          'error',
          map.position(key.offset),
        );
      if (value) reportDuplicateKeys(value, report, [...path, key.value]);
    }
  } else if (node.type === 'array') {
    node.children?.forEach((child, index) => {
      reportDuplicateKeys(child, report, [...path, index]);
    });
  }
}
