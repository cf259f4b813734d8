import { type CatalogPart, importCatalogPart } from './catalog-parts.ts';
import type { BuiltInLocale } from './locales.ts';
import { BUILT_IN_LOCALES } from './locales.ts';
import { matchLocale } from './match.ts';
import type { Catalog, CatalogParts } from './messages/en.ts';

export type { CatalogPart } from './catalog-parts.ts';

/** Whole catalogs, once per locale (the parts merged), so every caller gets the same object. */
const whole = new Map<BuiltInLocale, Promise<Catalog>>();

/**
 * Loads the built-in UI strings for `locale` (matched by language: "de-AT" loads `de`): the whole
 * catalog, or one `part` of it. Rejects with a RangeError for a locale with no built-in catalog, and
 * with the loader's error when a chunk cannot be fetched; callers that must not fail fall back to `en`.
 */
export function loadCatalog(locale: string): Promise<Catalog>;
export function loadCatalog<P extends CatalogPart>(locale: string, part: P): Promise<CatalogParts[P]>;
export async function loadCatalog(locale: string, part?: CatalogPart): Promise<Partial<Catalog>> {
  const match = matchLocale(locale, BUILT_IN_LOCALES) as BuiltInLocale | undefined;
  if (!match) {
    throw new RangeError(
      `no built-in UI strings for locale "${locale}"; built-in locales are ${BUILT_IN_LOCALES.join(', ')}`,
    );
  }
  if (part) return (await importCatalogPart(part, match)).default;
  const loading =
    whole.get(match) ??
    Promise.all([
      importCatalogPart('opening', match),
      importCatalogPart('confirm', match),
      importCatalogPart('offer', match),
      importCatalogPart('later', match),
    ]).then(([opening, confirm, offer, later]) => ({
      ...opening.default,
      ...confirm.default,
      ...offer.default,
      ...later.default,
    }));
  whole.set(match, loading);
  loading.catch(() => whole.delete(match));
  return loading;
}
