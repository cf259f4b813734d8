import { formatMessage, type MessageParams } from './format.ts';
import { createFormats, type Formats } from './formats.ts';
import { directionOf } from './locales.ts';
import type { Catalog, MessageKey } from './messages/en.ts';
import { type LocalizedText, resolveText } from './text.ts';

export interface TranslatorOptions {
  /** The subscriber's locale (negotiated); all formatting uses it. May carry a region ("de-AT"). */
  readonly locale: string;
  /**
   * Built-in strings for that locale, from `loadCatalog` (or `en`). Read at every call, so strings
   * added to this object later (a catalog loaded in parts) are used from then on; a key with no
   * string yet shows as the key.
   */
  readonly catalog: Partial<Catalog>;
  /**
   * The language `catalog` is written in, when it is not `locale`'s (a locale without built-in strings
   * gets English ones): the built-in strings follow its plural rules and number format, so an English
   * sentence reads "1 month", not "1 months" by Korean rules. Config texts still follow `locale`.
   * Default `locale`.
   */
  readonly catalogLocale?: string;
  /** The flow's `defaultLocale`: which string of a config text to show when `locale` has none. Default "en". */
  readonly defaultLocale?: string;
  /** IANA time zone for times (receipts); default the runtime's. Calendar dates ignore it. */
  readonly timeZone?: string;
}

/** A locale's strings: built-in ones and a config's texts. */
export interface Strings {
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /**
   * The language the built-in strings are in (`catalogLocale`), when it is not `locale`'s: English for a
   * locale without built-in strings. The widget puts it on the elements that show only built-in
   * strings, so a screen reader speaks them by their own language's rules, not the dialog's.
   */
  readonly lang?: string | undefined;
  /** A built-in string, with parameters filled in. */
  t(key: MessageKey, params?: MessageParams): string;
  /** A config text in this locale (see resolveText); without one, the built-in `fallbackKey`, else "". */
  text(value: LocalizedText | undefined, fallbackKey?: MessageKey, params?: MessageParams): string;
}

/** What the screens of one subscriber's locale show: its strings and its formats. */
export interface Translator extends Strings, Formats {}

/** Built-in strings and Intl formatting for one subscriber's locale. */
export function createTranslator(options: TranslatorOptions): Translator {
  return { ...createStrings(options), ...createFormats(options.locale, options.timeZone) };
}

/**
 * The strings alone, for a first screen that formats no amount or date: the widget adds the formats
 * with the strings of its later screens (formats.ts is a chunk of its own there).
 */
export function createStrings({
  locale,
  catalog,
  defaultLocale = 'en',
  timeZone,
  catalogLocale = locale,
}: TranslatorOptions): Strings {
  // Fail here, with a message naming the bad option, rather than at the first date on screen.
  try {
    new Intl.DateTimeFormat(locale, { timeZone });
  } catch {
    throw new RangeError(`invalid locale "${locale}" or time zone "${timeZone}"`);
  }

  const dir = directionOf(locale);
  // In a right-to-left sentence, an inserted date, price or reference could reorder with the words
  // around it; first-strong isolates (FSI … PDI) keep each value one unit with its own direction.
  const isolate = (params?: MessageParams): MessageParams | undefined =>
    dir === 'rtl' && params
      ? Object.fromEntries(
          Object.entries(params).map(([name, value]) => [
            name,
            typeof value === 'string' ? `\u2068${value}\u2069` : value,
          ]),
        )
      : params;
  const format = (message: string, params?: MessageParams, rules = locale) =>
    formatMessage(message, isolate(params), rules);
  const t = (key: MessageKey, params?: MessageParams): string => format(catalog[key] ?? key, params, catalogLocale);

  return {
    locale,
    lang: catalogLocale === locale ? undefined : catalogLocale,
    dir,
    t,
    text(value, fallbackKey, params) {
      const own = value === undefined ? undefined : resolveText(value, locale, defaultLocale);
      if (own !== undefined) return format(own, params);
      return fallbackKey ? t(fallbackKey, params) : '';
    },
  };
}
