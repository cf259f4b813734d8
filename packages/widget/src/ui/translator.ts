import { createTranslator, loadCatalog, type Translator } from '@cancelflow/core';
import { loadOncePer } from '../load-once.ts';

/**
 * One translator per language (and flow default language) for the page's lifetime: a language's first
 * date format loads its Intl data, tens of milliseconds that a click should not wait for twice, and
 * the translator keeps its formatters. That one (the confirm step's) is made right away.
 */
const translators = loadOncePer(async (key: string): Promise<Translator> => {
  const [locale = 'en', defaultLocale] = key.split(' ');
  const t = createTranslator({ locale, catalog: await loadCatalog(locale), defaultLocale });
  t.date('2000-01-01');
  return t;
});

/**
 * The session's built-in strings: each locale is a chunk of its own, English too, so a subscriber
 * fetches only theirs. A catalog that cannot load gives English words for this modal only.
 */
export function translatorFor(locale: string, defaultLocale = 'en'): Promise<Translator> {
  return translators(`${locale} ${defaultLocale}`).catch(async () =>
    createTranslator({ locale, catalog: await loadCatalog('en'), defaultLocale }),
  );
}
