import {
  type Catalog,
  type CatalogPart,
  createStrings,
  formatMessage,
  loadCatalog,
  type Translator,
} from '@cancelflow/core';
import { loadOnce, loadOncePer } from '../load-once.ts';

/** The parts of a catalog that join a translator after the first screen's (see `loadStrings`). */
export type LaterPart = Exclude<CatalogPart, 'opening'>;

/** Per translator and later part: whether its strings are in, and how to fetch them. */
const later = new WeakMap<Translator, Record<LaterPart, { done: boolean; load: () => Promise<void> }>>();

/**
 * A translator that starts with the first screen's strings (the frame and the survey) of `catalogLocale`;
 * the other parts join its catalog when `loadStrings` asks for them, in that language or else in English,
 * and with the first of them its formats of amounts and dates, which only those screens show (until
 * then `t.money`, `t.date` and the like are missing: views that format wait for a part, see lazy.ts).
 */
async function openingTranslator(locale: string, catalogLocale: string, defaultLocale?: string): Promise<Translator> {
  const catalog: Partial<Catalog> = { ...(await loadCatalog(catalogLocale, 'opening')) };
  // Built-in strings by their own language's rules (English ones for a locale without any); the
  // flow's own texts by the subscriber's.
  const t = createStrings({ locale, catalog, defaultLocale, catalogLocale }) as Translator;
  const formats = loadOnce(async () => {
    // Times in UTC, as the server's printable receipt and its email give them: one durable record.
    // Amounts and dates in the built-in strings' language: no Korean date inside an English sentence
    // (the server's receipt and mails do the same, docs/i18n.md).
    Object.assign(t, (await import('./formats.ts')).createFormats(catalogLocale, 'UTC'));
    // A language's first date format loads its Intl data: here, before a screen shows one.
    t.date('2000-01-01');
  });
  const part = (name: LaterPart) => {
    const state = {
      done: false,
      load: loadOnce(async () => {
        const [strings] = await Promise.all([
          loadCatalog(catalogLocale, name).catch(() => loadCatalog('en', name)),
          formats(),
        ]);
        Object.assign(catalog, strings);
        state.done = true;
      }),
    };
    return state;
  };
  later.set(t, { confirm: part('confirm'), offer: part('offer'), later: part('later') });
  return t;
}

/**
 * One translator per language (and flow default language) for the page's lifetime: a language's first
 * date or number format loads its Intl data, milliseconds to tens of them that a click should not wait
 * for twice, and the translator keeps its formatters. Those of the first screen are made right away
 * (the page prepares this while idle); the dates' come with the later screens' strings.
 */
const translators = loadOncePer(async (key: string): Promise<Translator> => {
  const [locale = 'en', defaultLocale] = key.split(' ');
  const t = await openingTranslator(locale, locale, defaultLocale);
  // The message formatter's number format and plural rules for this language ("Step 1" on the first screen).
  formatMessage('{n, plural, other {#}}', { n: 1 }, locale);
  return t;
});

/**
 * The session's built-in strings, those of the first screen at first (see `loadStrings`): each locale's
 * parts are chunks of their own, English too, so a subscriber fetches only theirs. A catalog that cannot
 * load gives English words for this modal only.
 */
export function translatorFor(locale: string, defaultLocale = 'en'): Promise<Translator> {
  return translators(`${locale} ${defaultLocale}`).catch(() => openingTranslator(locale, 'en', defaultLocale));
}

/** Fetches these parts of the catalog into `t` (each once; again after a failure). */
export const loadStrings = (t: Translator, parts: readonly LaterPart[]): Promise<unknown> =>
  Promise.all(parts.map((part) => later.get(t)?.[part].load()));

/** Whether `t` has the strings of these parts. */
export const hasStrings = (t: Translator, parts: readonly LaterPart[]): boolean =>
  parts.every((part) => later.get(t)?.[part].done ?? true);
