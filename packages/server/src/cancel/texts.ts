import { createTranslator, en, loadCatalog, type Translator } from '@cancelflow/core';

/**
 * Core's built-in strings for the session's locale; times in UTC. A locale without built-in strings
 * (a flow may declare "ko" or "he") gets English throughout, dates, amounts and direction included:
 * English sentences with Korean dates in them, or laid out right to left for "he", would be mixed
 * mid-sentence. The follow-up mail falls back the same way (../mail/texts.ts).
 */
export async function translatorFor(locale: string): Promise<Translator> {
  const catalog = await loadCatalog(locale).catch(() => undefined);
  try {
    if (catalog) return createTranslator({ locale, catalog, timeZone: 'UTC' });
  } catch {
    // An invalid tag that still matched a catalog's language: English below.
  }
  return createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' });
}
