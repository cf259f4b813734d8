import { matchLocale } from './match.ts';

/**
 * Where a locale preference came from, in the order they win: an explicit option from the
 * developer, the `locale` claim of the signed token, the host page's `<html lang>`, the browser's
 * languages, and finally the flow's default locale.
 */
export interface LocalePreferences {
  readonly explicit?: string | undefined;
  readonly token?: string | undefined;
  readonly page?: string | undefined;
  readonly browser?: readonly string[] | undefined;
}

/** Chooses the UI locale: the first preference (in priority order) that `available` can serve. */
export function negotiateLocale(
  available: readonly string[],
  preferences: LocalePreferences,
  fallback: string,
): string {
  const ordered = [preferences.explicit, preferences.token, preferences.page, ...(preferences.browser ?? [])];
  for (const wanted of ordered) {
    if (!wanted) continue;
    const match = matchLocale(wanted, available);
    if (match) return match;
  }
  return fallback;
}
