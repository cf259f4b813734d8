import type { Problem } from '@cancelflow/core/validate';
import { problemText } from './problems.ts';

interface Props {
  readonly id: string;
  readonly title: string;
  readonly problems: readonly Problem[];
  /** Moves the editor's cursor to the problem. */
  readonly onReveal: (problem: Problem) => void;
}

/** The validator's problems as a list beside the editor's underlines: each one a button to its line. */
export function ProblemList({ id, title, problems, onReveal }: Props) {
  if (problems.length === 0) return null;
  return (
    <div class="problems" id={id}>
      <h3>{title}</h3>
      <ul>
        {problems.map((p) => (
          <li key={`${p.line}:${p.column}:${p.message}`} class={p.severity}>
            <button type="button" class="link" onClick={() => onReveal(p)}>
              Line {p.line}, column {p.column}
            </button>{' '}
            <span>{problemText(p)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
