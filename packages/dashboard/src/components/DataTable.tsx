import type { ComponentChildren } from 'preact';
import { filtered } from '../state.ts';

export interface Column<T> {
  readonly label: string;
  readonly render: (row: T) => ComponentChildren;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /**
   * Shows text from the flow or from subscribers (in the cells, or in the header for a column named
   * by a reason): wrapped anywhere, at most 40rem wide, as it may be one word of any length.
   */
  readonly wrap?: boolean;
}

function classOf(c: { readonly numeric?: boolean; readonly wrap?: boolean }): string | undefined {
  return [c.numeric ? 'num' : '', c.wrap ? 'wrap' : ''].join(' ').trim() || undefined;
}

interface Props<T> {
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  /** The empty table's row; by default, whether it is the filters or that nothing is recorded yet. */
  readonly empty?: string;
}

/**
 * Every number the dashboard shows is in a table like this one (charts draw the same rows). The
 * wrapper scrolls sideways on narrow screens and can be focused, so keyboard users can scroll it too.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, empty }: Props<T>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="table-scroll" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" class={classOf(c)}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>
                {empty ?? (filtered.value ? 'No data for these filters.' : 'No data yet: no session is recorded.')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.label} class={classOf(c)}>
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
