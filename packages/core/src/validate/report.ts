import { formatPath, MAX_PROBLEMS, type PathSegment, type Problem } from './problems.ts';
import type { Position, SourceMap } from './source-map.ts';

export interface ReportOptions {
  /** Point at the key rather than the value (unknown fields, bad record keys). */
  readonly at?: 'value' | 'key';
}

/** Collects problems, locating each in the source as it comes in. */
export class Report {
  readonly #problems: Problem[] = [];
  readonly #seen = new Set<string>();

  readonly map: SourceMap;

  constructor(map: SourceMap) {
    this.map = map;
  }

  error(path: readonly PathSegment[], message: string, options: ReportOptions = {}): void {
    this.add(path, message, 'error', this.map.locate(path, options.at));
  }

  warning(path: readonly PathSegment[], message: string, options: ReportOptions = {}): void {
    this.add(path, message, 'warning', this.map.locate(path, options.at));
  }

  add(
    path: readonly PathSegment[],
    message: string,
    severity: Problem['severity'],
    position: Position,
    kind: 'syntax' | 'other' = 'other',
  ): void {
    const problem: Problem = {
      path: formatPath(path),
      message,
      severity,
      ...position,
      ...(kind === 'syntax' ? { syntax: true } : {}),
    };
    const key = `${problem.line}:${problem.column}\0${problem.path}\0${message}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#problems.push(problem);
  }

  get hasErrors(): boolean {
    return this.#problems.some((problem) => problem.severity === 'error');
  }

  /** In source order, at most MAX_PROBLEMS, then one line for the rest. */
  problems(): Problem[] {
    const sorted = [...this.#problems].sort((a, b) => a.line - b.line || a.column - b.column);
    if (sorted.length <= MAX_PROBLEMS) return sorted;
    const rest = sorted.slice(MAX_PROBLEMS);
    const first = rest[0] as Problem;
    const severity = rest.some((problem) => problem.severity === 'error') ? 'error' : 'warning';
    return [
      ...sorted.slice(0, MAX_PROBLEMS),
      {
        path: '',
        message: `…and ${rest.length} more problem${rest.length === 1 ? '' : 's'} (fix the ones above first)`,
        severity,
        line: first.line,
        column: first.column,
      },
    ];
  }
}
