import type { LocalizedText } from '../i18n/text.ts';
import type { ProfileId } from './ids.ts';

/**
 * `de` (§312k BGB): the confirm button says unambiguously that it cancels — "Jetzt kündigen", "Vertrag
 * kündigen", "Kündigung bestätigen" — and not the opposite: "Nicht kündigen", "Kündigung abbrechen",
 * "Kündigung zurücknehmen".
 */
export function saysKuendigen(label: string): boolean {
  return /k(ü|ue)ndig/i.test(label) && !/\b(nicht|keine?)\b|abbrech|zur(ü|ue)ck/i.test(label);
}

/**
 * `fr` (Code de la consommation L215-1-1): the recap page's button confirms the cancellation request —
 * "Confirmer ma demande de résiliation", "Résilier mon abonnement" — and not the opposite: "Ne pas
 * résilier", "Annuler la résiliation", "Garder mon abonnement". "Annuler mon abonnement" says
 * nothing of a résiliation, so it gives way too.
 */
export function saysResiliation(label: string): boolean {
  return /r[ée]sili/i.test(label) && !/\b(ne|pas)\b|annul|garder|conserv/i.test(label);
}

/**
 * The profiles that ask the confirm button to say, in their language (the profile's id), that it
 * cancels: the engine gives a label that does not its built-in one, and the validator refuses it in a
 * flow that declares the profile (with its own wording of the rule, validate/meaning/compliance.ts).
 */
export const CONFIRM_LABEL_RULES = { de: saysKuendigen, fr: saysResiliation } as const satisfies Partial<
  Record<ProfileId, (label: string) => boolean>
>;

export type LabelProfile = keyof typeof CONFIRM_LABEL_RULES;

/** A confirm button's own label in `language`, if it has one: that entry, or a plain string in a flow in that language. */
export function labelIn(label: LocalizedText | undefined, language: string, defaultLocale: string): string | undefined {
  if (typeof label !== 'string') return label?.[language];
  return defaultLocale.split('-')[0]?.toLowerCase() === language ? label : undefined;
}

/** Whether a confirm button's own label meets every label rule of `profiles`. */
export function labelMeets(
  label: LocalizedText | undefined,
  profiles: readonly ProfileId[],
  defaultLocale: string,
): boolean {
  return profiles.every((profile) => {
    const says = (CONFIRM_LABEL_RULES as Partial<Record<ProfileId, (label: string) => boolean>>)[profile];
    if (!says) return true;
    const own = labelIn(label, profile, defaultLocale);
    return own === undefined || says(own);
  });
}
