import { type Problem, problemText, validateFlowSource } from '@cancelflow/core/validate';
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorState } from '@codemirror/state';

/** A problem's line and column (1-based, UTF-16 like CodeMirror) as a document offset, clamped to it. */
export function offsetOf(state: EditorState, line: number, column: number): number {
  const l = state.doc.line(Math.min(Math.max(line, 1), state.doc.lines));
  return Math.min(l.from + Math.max(column, 1) - 1, l.to);
}

/** The problem's message as `cancelflow validate` prints it, without the file name. */
export { problemText };

/** Underlines the value a problem is about: the token at its position (a whole short value). */
export function toDiagnostic(state: EditorState, p: Problem, source: string): Diagnostic {
  const from = offsetOf(state, p.line, p.column);
  const node = (ensureSyntaxTree(state, state.doc.length, 500) ?? syntaxTree(state)).resolveInner(from, 1);
  const short = node.from === from && node.to - node.from <= 120 && node.name !== 'Object' && node.name !== 'Array';
  const to = short ? node.to : Math.min(from + 1, state.doc.length);
  return { from, to, severity: p.severity, message: problemText(p), source };
}

/** Core's validator over the editor's text: the same problems, in the same words, as the CLI. */
export function validatorDiagnostics(state: EditorState): { problems: Problem[]; diagnostics: Diagnostic[] } {
  const { problems } = validateFlowSource(state.doc.toString());
  return { problems, diagnostics: problems.map((p) => toDiagnostic(state, p, 'cancelflow validate')) };
}
