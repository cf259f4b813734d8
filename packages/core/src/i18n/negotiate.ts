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

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

function language(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag;
}

/**
 * The best available locale for one wanted tag: an exact match first, then the same language
 * ("pt-PT" wanted, "pt-BR" available), else nothing.
 */
export function matchLocale(wanted: string, available: readonly string[]): string | undefined {
  const tag = canonical(wanted);
  if (!tag) return undefined;
  const exact = available.find((a) => canonical(a) === tag);
  if (exact) return exact;
  const lang = language(tag);
  return available.find((a) => canonical(a) === lang) ?? available.find((a) => language(a) === lang);
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
