import { useEffect, useState } from 'preact/hooks';
import { getJson, query } from './api.ts';
import type { Filters } from './types.ts';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly data: T };

/** Fetches `/v1/admin/insights/<report>` for these filters (and extra parameters); refetches when they change. */
export function useReport<T>(report: string, f: Filters, extra: Record<string, string | number> = {}): Loaded<T> {
  const url = `/v1/admin/insights/${report}${query({ ...f, ...extra })}`;
  const [loaded, setLoaded] = useState<{ url: string; result: Loaded<T> }>({ url, result: { state: 'loading' } });
  useEffect(() => {
    let current = true;
    getJson<T>(url).then(
      (data) => current && setLoaded({ url, result: { state: 'ready', data } }),
      (error: Error) => current && setLoaded({ url, result: { state: 'error', message: error.message } }),
    );
    return () => {
      current = false;
    };
  }, [url]);
  // An answer to other parameters than the current ones is never shown, not even for one render.
  return loaded.url === url ? loaded.result : { state: 'loading' };
}
