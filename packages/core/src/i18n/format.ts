/**
 * A tiny subset of ICU MessageFormat, small enough for the widget's click path:
 *
 * - `{name}` inserts a parameter; numbers are formatted for the locale (`Intl.NumberFormat`).
 * - `{name, plural, =0 {…} one {…} few {…} other {…}}` picks a form by exact value, then by the
 *   locale's `Intl.PluralRules` category, then `other`; `#` inside a form is the formatted number.
 *   Forms may hold placeholders and further plurals.
 *
 * Anything it cannot resolve (a missing parameter, an unknown argument type, an unmatched brace)
 * is left in the output as written, so a mistake shows up on screen and in tests instead of
 * throwing in the middle of a cancellation. No quoting with apostrophes: literal braces are not
 * supported, and apostrophes are plain text (French needs them).
 */

export type MessageParams = Readonly<Record<string, string | number>>;

// Intl objects are costly to build and immutable: one of each per locale.
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function numberFormat(locale: string): Intl.NumberFormat {
  const format = numberFormats.get(locale) ?? new Intl.NumberFormat(locale);
  numberFormats.set(locale, format);
  return format;
}

function pluralRule(locale: string): Intl.PluralRules {
  const rules = pluralRules.get(locale) ?? new Intl.PluralRules(locale);
  pluralRules.set(locale, rules);
  return rules;
}

/** Index of the `}` that closes the `{` at `open`, or -1. */
function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The forms of a plural argument, by selector (`=0`, `one`, `other`, …). */
function forms(source: string): Record<string, string> {
  const result: Record<string, string> = {};
  let start = 0;
  for (let open = source.indexOf('{'); open >= 0; open = source.indexOf('{', start)) {
    const end = closing(source, open);
    if (end < 0) break;
    result[source.slice(start, open).trim()] = source.slice(open + 1, end);
    start = end + 1;
  }
  return result;
}

function argument(body: string, params: MessageParams, locale: string): string {
  const [name = '', type, ...rest] = body.split(',');
  const key = name.trim();
  // Own parameters only: `{constructor}` or `{toString}` in a flow's copy is a missing parameter, shown
  // as written, not a built-in function's source.
  const value = Object.hasOwn(params, key) ? params[key] : undefined;
  if (type === undefined) {
    if (value === undefined) return `{${body}}`;
    return typeof value === 'number' ? numberFormat(locale).format(value) : value;
  }
  if (type.trim() !== 'plural' || typeof value !== 'number') return `{${body}}`;
  const options = forms(rest.join(','));
  const chosen = options[`=${value}`] ?? options[pluralRule(locale).select(value)] ?? options.other;
  return chosen === undefined ? `{${body}}` : render(chosen, params, locale, numberFormat(locale).format(value));
}

function render(message: string, params: MessageParams, locale: string, hash?: string): string {
  let out = '';
  for (let i = 0; i < message.length; i++) {
    const char = message[i] as string;
    if (char === '{') {
      const end = closing(message, i);
      if (end < 0) return out + message.slice(i);
      out += argument(message.slice(i + 1, end), params, locale);
      i = end;
    } else {
      out += char === '#' && hash !== undefined ? hash : char;
    }
  }
  return out;
}

/** Formats `message` for `locale`, filling in `params`. */
export function formatMessage(message: string, params: MessageParams = {}, locale = 'en'): string {
  return message.includes('{') ? render(message, params, locale) : message;
}
