import { formatMessage, type MessageParams } from './format.ts';
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
  /** The flow's `defaultLocale`: which string of a config text to show when `locale` has none. Default "en". */
  readonly defaultLocale?: string;
  /** IANA time zone for times (receipts); default the runtime's. Calendar dates ignore it. */
  readonly timeZone?: string;
}

export type DateStyle = 'short' | 'medium' | 'long' | 'full';

export interface Translator {
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /** A built-in string, with parameters filled in. */
  t(key: MessageKey, params?: MessageParams): string;
  /** A config text in this locale (see resolveText); without one, the built-in `fallbackKey`, else "". */
  text(value: LocalizedText | undefined, fallbackKey?: MessageKey, params?: MessageParams): string;
  number(value: number): string;
  /** An amount in the currency's major unit (9.99 is $9.99); whole amounts drop ".00". */
  money(amount: number, currency: string): string;
  /** `30` → "30%" (or "30 %", "30‎%‎"…), for `{percent}` placeholders. */
  percent(value: number): string;
  /**
   * A calendar day. A date-only ISO string ("2025-07-01") is that day wherever the subscriber is;
   * a timestamp or Date is shown in the translator's time zone.
   */
  date(value: string | Date, style?: DateStyle): string;
  /** A moment with its time and time zone, for receipts. */
  dateTime(value: string | Date, style?: Exclude<DateStyle, 'full'>): string;
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = { short: 'numeric', medium: 'short', long: 'long' } as const;

function toDate(value: string | Date): Date {
  const date = typeof value === 'string' ? new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`${JSON.stringify(String(value))} is not a valid date; expected ISO 8601`);
  }
  return date;
}

/** Built-in strings and Intl formatting for one subscriber's locale. */
export function createTranslator({ locale, catalog, defaultLocale = 'en', timeZone }: TranslatorOptions): Translator {
  // Fail here, with a message naming the bad option, rather than at the first date on screen.
  try {
    new Intl.DateTimeFormat(locale, { timeZone });
  } catch {
    throw new RangeError(`invalid locale "${locale}" or time zone "${timeZone}"`);
  }

  const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
  const cached = <F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F => {
    const format = (formats.get(key) as F | undefined) ?? make();
    formats.set(key, format);
    return format;
  };

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
  const format = (message: string, params?: MessageParams) => formatMessage(message, isolate(params), locale);
  const t = (key: MessageKey, params?: MessageParams): string => format(catalog[key] ?? key, params);

  return {
    locale,
    dir,
    t,
    text(value, fallbackKey, params) {
      const own = value === undefined ? undefined : resolveText(value, locale, defaultLocale);
      if (own !== undefined) return format(own, params);
      return fallbackKey ? t(fallbackKey, params) : '';
    },
    number: (value) => cached('n', () => new Intl.NumberFormat(locale)).format(value),
    money: (amount, currency) =>
      cached(
        `c${currency}`,
        () => new Intl.NumberFormat(locale, { style: 'currency', currency, trailingZeroDisplay: 'stripIfInteger' }),
      ).format(amount),
    percent: (value) =>
      cached('p', () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 })).format(
        value / 100,
      ),
    date(value, style = 'long') {
      const calendarDay = typeof value === 'string' && DATE_ONLY.test(value);
      return cached(
        `d${style}${calendarDay}`,
        () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: calendarDay ? 'UTC' : timeZone }),
      ).format(toDate(value));
    },
    dateTime: (value, style = 'long') =>
      cached(
        `t${style}`,
        () =>
          new Intl.DateTimeFormat(locale, {
            year: 'numeric',
            month: MONTH[style],
            day: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
            timeZoneName: 'short',
            timeZone,
          }),
      ).format(toDate(value)),
    list: (items, type = 'conjunction') => new Intl.ListFormat(locale, { type }).format(items),
  };
}
