import { createTranslator, en, loadCatalog, type Policy, type Translator } from '@cancelflow/core';

/** Core's built-in strings for the session's locale (English when there is no catalog for it); times in UTC. */
export async function translatorFor(locale: string): Promise<Translator> {
  const catalog = await loadCatalog(locale).catch(() => en);
  try {
    return createTranslator({ locale, catalog, timeZone: 'UTC' });
  } catch {
    return createTranslator({ locale: 'en', catalog: en, timeZone: 'UTC' });
  }
}

/** The refund or credit that applies, in the words the confirm step used. */
export function refundText(policy: Policy, t: Translator): string {
  const refund = policy.refund;
  switch (refund.type) {
    case 'none':
      return t.t('confirm.refundNone');
    case 'prorated':
      return t.t('confirm.refundProrated');
    case 'full_within':
      return t.t('confirm.refundFullWithin', { days: refund.days });
  }
}
