/** The UI locales cancelflow ships built-in strings for. `ar` is laid out right to left. */
export const BUILT_IN_LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'pl', 'sv', 'ja', 'ar'] as const;
export type BuiltInLocale = (typeof BUILT_IN_LOCALES)[number];

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

/** Writing direction of a locale, for `dir` on the dialog. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(locale.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
}
