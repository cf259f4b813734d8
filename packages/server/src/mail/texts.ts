import {
  BUILT_IN_LOCALES,
  type BuiltInLocale,
  type Catalog,
  en as coreEn,
  createTranslator,
  loadCatalog,
  type MessageKey,
  type MessageParams,
  matchLocale,
  type Translator,
} from '@cancelflow/core';
import en, { type MailCatalog, type MailKey } from './messages/en.ts';

const loaders: Record<BuiltInLocale, () => Promise<{ default: MailCatalog }>> = {
  en: async () => ({ default: en }),
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

/** Core's translator (receipt lines, offers, dates) plus `m` for the mail's own strings. */
export interface MailTranslator extends Translator {
  m(key: MailKey, params?: MessageParams): string;
}

/**
 * The session's locale, with core's built-in strings and the mail catalog merged into one translator,
 * so mail strings get the same formatting and right-to-left isolation as the widget's. Times in UTC.
 * A locale without built-in strings falls back to English.
 */
export async function mailTranslator(locale: string): Promise<MailTranslator> {
  const match = matchLocale(locale, BUILT_IN_LOCALES) as BuiltInLocale | undefined;
  const [core, mail] = match
    ? await Promise.all([loadCatalog(match), loaders[match]().then((m) => m.default)])
    : [coreEn, en];
  const catalog = { ...core, ...mail } as unknown as Catalog;
  let t: Translator;
  try {
    t = createTranslator({ locale: match ? locale : 'en', catalog, timeZone: 'UTC' });
  } catch {
    t = createTranslator({ locale: 'en', catalog: { ...coreEn, ...en } as unknown as Catalog, timeZone: 'UTC' });
  }
  // The merged catalog holds the mail keys too; only the key type is core's.
  return { ...t, m: (key: MailKey, params?: MessageParams) => t.t(key as unknown as MessageKey, params) };
}

export async function mailCatalog(locale: BuiltInLocale): Promise<MailCatalog> {
  return (await loaders[locale]()).default;
}
