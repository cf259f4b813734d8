import { diffLines } from 'diff';
import { useMemo } from 'preact/hooks';

export interface DiffProps {
  readonly before: string;
  readonly after: string;
  readonly label: string;
}

/** A unified line diff; added and removed lines are marked by text (+ / −) as well as colour. */
export function Diff({ before, after, label }: DiffProps) {
  const parts = useMemo(() => diffLines(before, after), [before, after]);
  if (parts.every((p) => !p.added && !p.removed)) return <p class="muted">{label}: none, the two are the same.</p>;
  // The title is shown, not only announced: which two versions a diff is of is the first thing one reads.
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="diff" tabIndex={0} aria-labelledby="diff-title">
      <h4 id="diff-title">{label}</h4>
      <pre>
        {parts.flatMap((part, i) => {
          const lines = part.value.replace(/\n$/, '').split('\n');
          const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
          const mark = part.added ? '+ ' : part.removed ? '− ' : '  ';
          // Long unchanged stretches are cut to their ends: the changes are what one reads.
          const shown = kind === 'same' && lines.length > 6 ? [...lines.slice(0, 2), '…', ...lines.slice(-2)] : lines;
          return shown.map((line, j) => (
            <span key={`${i}-${j}`} class={kind}>
              {mark}
              {line}
              {'\n'}
            </span>
          ));
        })}
      </pre>
    </section>
  );
}
