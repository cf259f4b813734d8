import { createTranslator, en, loadCatalog, type Translator } from '@cancelflow/core';

/** Core's built-in strings for the session's locale (English when there is no catalog for it); times in UTC. */
export async function translatorFor(locale: string): Promise<Translator> {
  const catalog = await loadCatalog(locale).catch(() => en);
  try {
    return createTranslator({ locale, catalog, timeZone: 'UTC' });
  } catch {
    return createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' });
  }
}
