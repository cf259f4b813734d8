import type { LocalizedText } from '../i18n/text.ts';

/**
 * `de` (§312k BGB): the confirm button says unambiguously that it cancels — "Jetzt kündigen", "Vertrag
 * kündigen", "Kündigung bestätigen" — and not the opposite: "Nicht kündigen", "Kündigung abbrechen",
 * "Kündigung zurücknehmen".
 */
export function saysKuendigen(label: string): boolean {
  return /k(ü|ue)ndig/i.test(label) && !/\b(nicht|keine?)\b|abbrech|zur(ü|ue)ck/i.test(label);
}

/** The German text of a confirm button's own label, if it has one: its `de` entry, or a plain string in a German flow. */
export function germanLabel(label: LocalizedText | undefined, defaultLocale: string): string | undefined {
  return typeof label === 'string' ? (defaultLocale === 'de' ? label : undefined) : label?.de;
}
