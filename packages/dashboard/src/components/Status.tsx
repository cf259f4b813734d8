import type { ComponentChildren } from 'preact';
import type { Loaded } from '../use-report.ts';

/** Renders `children(data)` once a report has loaded; says so while loading and on failure. */
export function Status<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.state === 'loading')
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  if (loaded.state === 'error')
    return (
      <p class="error" role="alert">
        Could not load this report: {loaded.message}
      </p>
    );
  return <>{children(loaded.data)}</>;
}
