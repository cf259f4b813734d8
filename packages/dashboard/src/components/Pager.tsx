interface Props {
  /** Names the pages for screen readers: "Feedback pages". */
  readonly label: string;
  readonly offset: number;
  readonly shown: number;
  readonly pageSize: number;
  /** The API's `hasMore`: a row exists past this page. A full page alone does not say so. */
  readonly hasMore: boolean;
  readonly onOffset: (offset: number) => void;
}

/** Newer / older pages of a newest-first list; "older" ends when the API says no row is past this page. */
export function Pager({ label, offset, shown, pageSize, hasMore, onOffset }: Props) {
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Newer
      </button>
      <span>{shown === 0 ? 'none' : `${offset + 1}–${offset + shown}`}</span>
      <button type="button" disabled={!hasMore} onClick={() => onOffset(offset + pageSize)}>
        Older
      </button>
    </nav>
  );
}
