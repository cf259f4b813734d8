/** One thing wrong (or worth a look) in a flow config, located in its source text. */
export interface Problem {
  /** Where in the config, e.g. `steps[2].reasons[0].offer`; `''` for the file as a whole. */
  readonly path: string;
  /** Reads as a sentence after the path: `steps[1].type` + ` must be one of survey, offer, …`. */
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units like editors count them. */
  readonly column: number;
  readonly severity: 'error' | 'warning';
  /**
   * A JSON syntax error. Its path is only where the parser stopped, and its message is a sentence of its
   * own ("comments are not allowed: …"), not one the path starts: the two are printed with ": " between.
   */
  readonly syntax?: true;
}

export type PathSegment = string | number;

/** More problems than this are summed up in one last line: past it, they are mostly one mistake's echoes. */
export const MAX_PROBLEMS = 50;

const PLAIN_KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$-]*$/;

/** `['steps', 2, 'reasons', 0, 'offer']` → `steps[2].reasons[0].offer`; odd keys are quoted: `offers["a b"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The CLI's line format (docs/cli.md): `file:line:col path.to.field message`. */
export function formatProblem(problem: Problem, fileName: string): string {
  return `${fileName}:${problem.line}:${problem.column} ${problemText(problem)}`;
}

/** `path.to.field message`, as `formatProblem` prints it after the position (the dashboard shows this). */
export function problemText(problem: Problem): string {
  const where = problem.path === '' ? '(root)' : problem.path;
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${where}${problem.syntax ? ':' : ''} ${prefix}${problem.message}`;
}
