import type { Filters, Site } from '../types.ts';

/** The UTC day `days` before today, as the API's `from` and `to` take it. */
const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const RANGES = [
  { label: 'Last 4 weeks', days: 28 },
  { label: 'Last 12 weeks', days: 84 },
] as const;

/** Date range and site/flow selectors; every change goes to the URL's hash, which the views follow. */
export function FiltersBar({
  filters,
  sites,
  onChange,
}: {
  filters: Filters;
  sites: readonly Site[];
  onChange: (next: Filters) => void;
}) {
  const flows = [...new Set(sites.map((s) => s.flowId))];
  const set = (name: keyof Filters) => (e: Event) =>
    onChange({ ...filters, [name]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  return (
    <form class="toolbar filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        From
        <input type="date" value={filters.from} max={filters.to || undefined} onChange={set('from')} />
      </label>
      <label>
        To
        <input type="date" value={filters.to} min={filters.from || undefined} onChange={set('to')} />
      </label>
      <label>
        Site
        <select value={filters.siteId} onChange={set('siteId')}>
          <option value="">All sites</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.configured === false ? `${s.id} (no longer in the sites file)` : s.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Flow
        <select value={filters.flowId} onChange={set('flowId')}>
          <option value="">All flows</option>
          {flows.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      {RANGES.map((r) => (
        <button
          key={r.label}
          type="button"
          onClick={() => onChange({ ...filters, from: dayBefore(r.days - 1), to: dayBefore(0) })}
        >
          {r.label}
        </button>
      ))}
      <button type="button" onClick={() => onChange({ from: '', to: '', siteId: '', flowId: '' })}>
        Clear
      </button>
    </form>
  );
}
