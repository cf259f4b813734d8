/**
 * What an empty summary means: on a server that has recorded no session yet, where the numbers will
 * come from; with filters set, that it is the filters (every view below is empty too).
 */
export function NoSessions({ filtered }: { filtered: boolean }) {
  return (
    <p class="muted" role="status" data-empty="sessions">
      {filtered
        ? 'No sessions match these filters: widen the dates, or choose Clear to see every session.'
        : 'No sessions yet. A session is recorded each time a subscriber opens the cancel flow on your site; every view here fills in as they arrive.'}
    </p>
  );
}
