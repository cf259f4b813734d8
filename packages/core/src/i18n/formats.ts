export type DateStyle = 'short' | 'medium' | 'long' | 'full';

/** A locale's formats of numbers, amounts, dates and lists. */
export interface Formats {
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

/** Intl formatting for one locale, each formatter made once, when first used. */
export function createFormats(locale: string, timeZone?: string): Formats {
  const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
  const cached = <F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F => {
    const format = (formats.get(key) as F | undefined) ?? make();
    formats.set(key, format);
    return format;
  };
  return {
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
