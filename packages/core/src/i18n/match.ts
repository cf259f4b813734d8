// Locale matching on its own (the widget's catalog loading needs it before the first screen; the
// negotiation in negotiate.ts runs where a session is resolved: the server, or a static flow's chunk).

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
