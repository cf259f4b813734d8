import type { BuiltInLocale } from './locales.ts';
import { BUILT_IN_LOCALES } from './locales.ts';
import type { Catalog } from './messages/en.ts';
import { matchLocale } from './negotiate.ts';

// One dynamic import per locale, so bundlers emit each catalog as its own chunk and a subscriber
// downloads only theirs. Typed by BuiltInLocale: a locale added there fails the build until it has a
// catalog here.
const loaders: Record<BuiltInLocale, () => Promise<{ default: Catalog }>> = {
  en: () => import('./messages/en.ts'),
  de: () => import('./messages/de.ts'),
  fr: () => import('./messages/fr.ts'),
  es: () => import('./messages/es.ts'),
  'pt-BR': () => import('./messages/pt-BR.ts'),
  it: () => import('./messages/it.ts'),
  nl: () => import('./messages/nl.ts'),
  pl: () => import('./messages/pl.ts'),
  sv: () => import('./messages/sv.ts'),
  ja: () => import('./messages/ja.ts'),
  ar: () => import('./messages/ar.ts'),
};

/**
 * Loads the built-in UI strings for `locale` (matched by language: "de-AT" loads `de`). Rejects
 * with a RangeError for a locale with no built-in catalog, and with the loader's error when the
 * chunk cannot be fetched; callers that must not fail fall back to the statically imported `en`.
 */
export async function loadCatalog(locale: string): Promise<Catalog> {
  const match = matchLocale(locale, BUILT_IN_LOCALES) as BuiltInLocale | undefined;
  if (!match) {
    throw new RangeError(
      `no built-in UI strings for locale "${locale}"; built-in locales are ${BUILT_IN_LOCALES.join(', ')}`,
    );
  }
  return (await loaders[match]()).default;
}
