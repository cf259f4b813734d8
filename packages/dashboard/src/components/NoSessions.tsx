/**
 * What an empty summary means: on a server that has recorded no session yet, where the numbers will
 * come from; with filters set, that it is the filters (every view below is empty too). `site`: the
 * site chosen when it is the only filter (no dates, no flow): it has had no session at all, so there
 * are no dates to widen, and it says where that site's sessions come from.
 */
export function NoSessions({ filtered, site }: { filtered: boolean; site?: string }) {
  return (
    <p class="muted" role="status" data-empty="sessions">
      {site
        ? `No sessions on site ${site} yet. A session is recorded each time a subscriber opens the cancel flow on that site; choose Clear to see every site.`
        : filtered
          ? 'No sessions match these filters: widen the dates, or choose Clear to see every session.'
          : 'No sessions yet. A session is recorded each time a subscriber opens the cancel flow on your site; every view here fills in as they arrive.'}
    </p>
  );
}
