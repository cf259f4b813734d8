import type { ComponentChildren } from 'preact';

export interface Column<T> {
  readonly label: string;
  readonly render: (row: T) => ComponentChildren;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

interface Props<T> {
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly empty?: string;
}

/**
 * Every number the dashboard shows is in a table like this one (charts draw the same rows). The
 * wrapper scrolls sideways on narrow screens and can be focused, so keyboard users can scroll it too.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, empty = 'No data for these filters.' }: Props<T>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="table-scroll" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.label} class={c.numeric ? 'num' : undefined}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
