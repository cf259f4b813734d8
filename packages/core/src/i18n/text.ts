import { matchLocale } from './match.ts';

/**
 * Copy from a flow config: one string (written in the flow's default locale) or one string per
 * locale. Structurally the config schema's `Text`, declared here so the widget's click path does not
 * import the schema (and zod with it).
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * Picks the string of `value` to show in `locale`: the exact locale, else the same language
 * ("de-AT" gets "de", "pt" gets "pt-BR"), else the flow's `defaultLocale`, else whichever is given.
 * Undefined only for an empty object.
 */
export function resolveText(value: LocalizedText, locale: string, defaultLocale: string): string | undefined {
  if (typeof value === 'string') return value;
  const tags = Object.keys(value);
  const tag = matchLocale(locale, tags) ?? matchLocale(defaultLocale, tags) ?? tags[0];
  return tag === undefined ? undefined : value[tag];
}
